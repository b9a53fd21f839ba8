package com.boxncase.invites.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SmsStatusCallbackTest {

    @Test
    void theIdsTravelInTheCallbackUrlAndReadBack() {
        SmsStatusCallback ids = new SmsStatusCallback("inv 1/ä", "store-1", "cmd&1", 3);

        String url = ids.appendTo("https://invites.example/webhooks/twilio/status");

        assertThat(SmsStatusCallback.fromQuery(URI.create(url).getRawQuery())).isEqualTo(ids);
    }

    @Test
    void aBaseWithAQueryKeepsIt() {
        String url = new SmsStatusCallback("i", "s", "c", 1).appendTo("https://x.example/cb?tenant=a");

        assertThat(url).startsWith("https://x.example/cb?tenant=a&invite=i");
    }

    @Test
    void aCallbackWithoutAllIdsIsNotTrusted() {
        assertThat(SmsStatusCallback.fromQuery("invite=i&store=s&command=c")).isNull();
        assertThat(SmsStatusCallback.fromQuery("invite=i&store=s&command=c&attempt=x"))
                .isNull();
        assertThat(SmsStatusCallback.fromQuery("invite=%zz&store=s&command=c&attempt=1"))
                .isNull();
        assertThat(SmsStatusCallback.fromQuery(null)).isNull();
    }
}
