package com.boxncase.invites.api.delivery.sms;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What invite-api needs to verify Twilio's signed status callbacks, under {@code invites.sms.twilio} (the same
 * names as the notifier's; env {@code INVITES_SMS_TWILIO_AUTHTOKEN}, {@code INVITES_SMS_TWILIO_STATUSCALLBACKURL}).
 * Without both, {@code /webhooks/twilio/status} refuses every callback.
 *
 * @param authToken the Twilio account's auth token, the key of the signatures
 * @param statusCallbackUrl the public URL Twilio calls, exactly as the notifier passes it: signatures are
 *     computed over it, not over whatever host name a proxy forwards
 */
@ConfigurationProperties("invites.sms.twilio")
record TwilioWebhookProperties(String authToken, URI statusCallbackUrl) {

    boolean isConfigured() {
        return authToken != null && !authToken.isBlank() && statusCallbackUrl != null;
    }

    @Override
    public String toString() {
        return "TwilioWebhookProperties[authToken=****, statusCallbackUrl=" + statusCallbackUrl + "]";
    }
}
