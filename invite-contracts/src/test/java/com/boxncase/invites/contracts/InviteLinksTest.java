package com.boxncase.invites.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InviteLinksTest {

    private final InviteLinks links =
            new InviteLinks("a-test-key-that-is-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8));

    @Test
    void tokenIsUrlSafeAndCarriesAtLeast128Bits() {
        String token = links.token("invite-1", InviteLinks.newLinkId());
        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(token.length() * 6).isGreaterThanOrEqualTo(128);
    }

    @Test
    void rotatingTheLinkIdChangesTheTokenAndOnlyTheLiveOneMatches() {
        String oldLink = InviteLinks.newLinkId();
        String newLink = InviteLinks.newLinkId();
        String oldToken = links.token("invite-1", oldLink);

        assertThat(links.matches(oldToken, "invite-1", oldLink)).isTrue();
        assertThat(links.matches(oldToken, "invite-1", newLink)).isFalse();
        assertThat(links.matches(oldToken, "invite-2", oldLink)).isFalse();
    }

    @Test
    void anotherKeyDerivesAnotherToken() {
        InviteLinks other =
                new InviteLinks("another-key-that-is-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8));
        assertThat(other.token("invite-1", "link")).isNotEqualTo(links.token("invite-1", "link"));
    }

    @Test
    void storedHashIsNotTheToken() {
        String token = links.token("invite-1", "link");
        assertThat(InviteLinks.hash(token)).isNotEqualTo(token).isEqualTo(InviteLinks.hash(token));
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> new InviteLinks("short".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deliveryProgressNeverLetsAnInFlightStateOutrankAnOutcome() {
        assertThat(DeliveryState.SENT.progress(1)).isGreaterThan(DeliveryState.SENDING.progress(9));
        assertThat(DeliveryState.SENDING.progress(2)).isGreaterThan(DeliveryState.RETRYING.progress(1));
        assertThat(DeliveryState.DELIVERED.progress(1)).isGreaterThan(DeliveryState.SENT.progress(1));
    }
}
