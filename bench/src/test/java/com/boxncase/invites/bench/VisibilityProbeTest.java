package com.boxncase.invites.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisibilityProbeTest {

    @Test
    void anInviteShowsDeliveredWhenItsEmailDeliveryIsSentOrDelivered() {
        assertThat(VisibilityProbe.emailDelivered(
                        "{\"id\":\"i\",\"delivery\":{\"state\":\"SENT\",\"channel\":\"EMAIL\"},\"deliveries\":[]}"))
                .isTrue();
        assertThat(VisibilityProbe.emailDelivered(
                        "{\"id\":\"i\",\"delivery\":{\"state\":\"QUEUED\",\"channel\":\"EMAIL\"},"
                                + "\"deliveries\":[{\"state\":\"SENT\",\"channel\":\"SMS\"},"
                                + "{\"state\":\"DELIVERED\",\"channel\":\"EMAIL\"}]}"))
                .isTrue();
        assertThat(VisibilityProbe.emailDelivered(
                        "{\"id\":\"i\",\"delivery\":{\"state\":\"SENDING\",\"channel\":\"EMAIL\"}}"))
                .isFalse();
        assertThat(VisibilityProbe.emailDelivered(
                        "{\"id\":\"i\",\"delivery\":{\"state\":\"SENT\",\"channel\":\"SMS\"}}"))
                .as("an SMS is not the email")
                .isFalse();
        assertThat(VisibilityProbe.emailDelivered("{\"id\":\"i\",\"delivery\":null}"))
                .isFalse();
    }

    @Test
    void pollsWaitATenthOfTheTimeWaitedSoFarBetween25MillisecondsAndTwoSeconds() {
        assertThat(VisibilityProbe.nextWaitMillis(
                        java.time.Duration.ofMillis(100).toNanos()))
                .isEqualTo(25);
        assertThat(VisibilityProbe.nextWaitMillis(
                        java.time.Duration.ofSeconds(3).toNanos()))
                .isEqualTo(300);
        assertThat(VisibilityProbe.nextWaitMillis(
                        java.time.Duration.ofSeconds(45).toNanos()))
                .isEqualTo(2_000);
    }
}
