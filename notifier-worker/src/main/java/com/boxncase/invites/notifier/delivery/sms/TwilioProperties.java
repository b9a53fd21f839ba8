package com.boxncase.invites.notifier.delivery.sms;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The SMS provider, under {@code invites.sms} (env {@code INVITES_SMS_TWILIO_ACCOUNTSID}, {@code
 * INVITES_SMS_TWILIO_AUTHTOKEN}, {@code INVITES_SMS_TWILIO_FROMNUMBER}, {@code
 * INVITES_SMS_TWILIO_MESSAGINGSERVICESID}, {@code INVITES_SMS_TWILIO_STATUSCALLBACKURL}, {@code
 * INVITES_SMS_TWILIO_BASEURL}). Without an account SID the SMS channel is not configured: the worker starts and
 * fails SMS deliveries at once. A half-filled configuration fails start-up with the setting it lacks.
 */
@Validated
@ConfigurationProperties("invites.sms")
public record TwilioProperties(@Valid @NotNull @DefaultValue Twilio twilio) {

    /**
     * @param accountSid {@code AC...}; blank means SMS is not configured
     * @param authToken the account's auth token (also what status callbacks are signed with)
     * @param fromNumber the E.164 sender number, or
     * @param messagingServiceSid a Messaging Service {@code MG...} that picks the sender
     * @param statusCallbackUrl the public URL Twilio posts delivery reports to (invite-api's {@code
     *     /webhooks/twilio/status}); optional, without it no DELIVERED/UNDELIVERED is reported
     * @param baseUrl where the Twilio REST API is; a local Twilio-compatible server in tests and ./run-local
     */
    public record Twilio(
            @Pattern(regexp = "|AC[0-9a-fA-F]{32}", message = "must be an account SID: AC and 32 hex digits")
            String accountSid,

            String authToken,

            @Pattern(regexp = "|\\+[1-9][0-9]{6,14}", message = "must be an E.164 number such as +14155550100")
            String fromNumber,

            @Pattern(regexp = "|MG[0-9a-fA-F]{32}", message = "must be a Messaging Service SID: MG and 32 hex digits")
            String messagingServiceSid,

            URI statusCallbackUrl,
            @NotNull @DefaultValue("https://api.twilio.com") URI baseUrl) {

        public boolean isConfigured() {
            return !isBlank(accountSid);
        }

        @AssertTrue(message = "invites.sms.twilio: with an account-sid, auth-token is required")
        boolean isAuthTokenGivenWithAccount() {
            return !isConfigured() || !isBlank(authToken);
        }

        @AssertTrue(
                message = "invites.sms.twilio: with an account-sid, exactly one of from-number and"
                        + " messaging-service-sid is required")
        boolean isOneSenderGivenWithAccount() {
            return !isConfigured() || isBlank(fromNumber) != isBlank(messagingServiceSid);
        }

        @AssertTrue(message = "invites.sms.twilio: status-callback-url and base-url must be absolute http(s) URLs")
        boolean isUrlsAbsolute() {
            return isHttp(baseUrl) && (statusCallbackUrl == null || isHttp(statusCallbackUrl));
        }

        @Override
        public String toString() {
            return "Twilio[accountSid=" + accountSid + ", authToken=****, fromNumber=" + fromNumber
                    + ", messagingServiceSid=" + messagingServiceSid + ", statusCallbackUrl=" + statusCallbackUrl
                    + ", baseUrl=" + baseUrl + "]";
        }

        private static boolean isHttp(URI uri) {
            return uri == null
                    || (uri.isAbsolute()
                            && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                            && uri.getHost() != null);
        }

        static boolean isBlank(String value) {
            return value == null || value.isBlank();
        }
    }
}
