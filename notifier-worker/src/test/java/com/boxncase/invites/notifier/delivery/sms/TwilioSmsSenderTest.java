package com.boxncase.invites.notifier.delivery.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxncase.invites.notifier.NotifierProperties;
import com.boxncase.invites.notifier.delivery.PermanentDeliveryFailure;
import com.boxncase.invites.notifier.delivery.TransientDeliveryFailure;
import com.twilio.exception.ApiException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class TwilioSmsSenderTest {

    @Test
    void withoutCredentialsSmsIsNotConfiguredAndEverySendFailsForGood() {
        TwilioSmsSender sender = new TwilioSmsSender(
                new TwilioProperties(new TwilioProperties.Twilio(
                        null, null, null, null, null, URI.create("https://api.twilio.com"))),
                new NotifierProperties(
                        1,
                        new NotifierProperties.Batch(500, 1, Duration.ofMillis(100)),
                        null,
                        null,
                        new NotifierProperties.Sms(1),
                        null,
                        null));

        assertThat(sender.isConfigured()).isFalse();
        assertThat(sender.send(new OutgoingSms("+4915112345678", "hi", null)))
                .failsWithin(Duration.ofSeconds(1))
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(PermanentDeliveryFailure.class)
                .withMessage("SMS channel not configured");
        Health health = new SmsHealth(sender).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("sms", "SMS not configured");
    }

    @Test
    void tooManyRequestsAndServerErrorsAreTransientOtherClientErrorsPermanent() {
        assertThat(TwilioSmsSender.classify(apiError(429, 20429))).isInstanceOf(TransientDeliveryFailure.class);
        assertThat(TwilioSmsSender.classify(apiError(503, 20503))).isInstanceOf(TransientDeliveryFailure.class);
        for (int code : new int[] {21211, 21610, 21614, 21408}) {
            assertThat(TwilioSmsSender.classify(apiError(400, code)))
                    .isInstanceOf(PermanentDeliveryFailure.class)
                    .hasMessageContaining("Twilio " + code);
        }
    }

    @Test
    void anAccountWithoutTokenOrSenderIsAnInvalidConfiguration() {
        var twilio = new TwilioProperties.Twilio(
                "AC00000000000000000000000000000001", "", null, null, null, URI.create("https://api.twilio.com"));

        assertThat(twilio.isAuthTokenGivenWithAccount()).isFalse();
        assertThat(twilio.isOneSenderGivenWithAccount()).isFalse();
        try (var validation = jakarta.validation.Validation.buildDefaultValidatorFactory()) {
            assertThat(validation.getValidator().validate(new TwilioProperties(twilio)))
                    .extracting(jakarta.validation.ConstraintViolation::getMessage)
                    .anySatisfy(message -> assertThat(message).contains("auth-token is required"))
                    .anySatisfy(message -> assertThat(message).contains("from-number"));
        }
        assertThat(new TwilioProperties.Twilio(
                                "AC00000000000000000000000000000001",
                                "t",
                                "+15005550006",
                                null,
                                URI.create("relative/path"),
                                URI.create("https://api.twilio.com"))
                        .isUrlsAbsolute())
                .isFalse();
    }

    private static ApiException apiError(int status, int code) {
        return new ApiException("error " + code, code, null, status, status, null, null, null);
    }
}
