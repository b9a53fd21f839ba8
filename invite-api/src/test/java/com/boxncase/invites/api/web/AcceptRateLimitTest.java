package com.boxncase.invites.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcceptRateLimitTest {

    @Test
    void anIpv4ClientIsItsAddress() {
        assertThat(AcceptRateLimit.client("192.0.2.10")).isEqualTo("192.0.2.10");
    }

    @Test
    void anIpv6ClientIsItsSlash64SoOneHostCannotRotateThroughItsAddresses() {
        assertThat(AcceptRateLimit.client("2001:db8:1:2:aaaa::1"))
                .isEqualTo(AcceptRateLimit.client("2001:db8:1:2:bbbb::99"))
                .isNotEqualTo(AcceptRateLimit.client("2001:db8:1:3::1"));
    }

    @Test
    void somethingThatIsNotAnAddressIsItsOwnClientAndIsNeverLookedUp() {
        assertThat(AcceptRateLimit.client("evil.example:80")).isEqualTo("evil.example:80");
    }
}
