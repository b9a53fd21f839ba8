package com.boxncase.invites.api.delivery.sms;

import com.boxncase.invites.contracts.DeliveryState;
import java.util.Map;

/**
 * One verified status callback: the message SID and the delivery state it reports, or a null state for reports
 * that add nothing ({@code queued}, {@code accepted}, {@code sending}, ...).
 *
 * @param error Twilio's {@code ErrorCode} (and {@code ErrorMessage} when given) for UNDELIVERED and FAILED
 */
record TwilioCallback(String messageSid, String status, DeliveryState state, String error) {

    static TwilioCallback of(Map<String, String> params) {
        String sid = params.getOrDefault("MessageSid", params.get("SmsSid"));
        String status = params.getOrDefault("MessageStatus", params.get("SmsStatus"));
        DeliveryState state = status == null
                ? null
                : switch (status) {
                    case "sent" -> DeliveryState.SENT;
                    case "delivered", "read" -> DeliveryState.DELIVERED;
                    case "undelivered" -> DeliveryState.UNDELIVERED;
                    case "failed" -> DeliveryState.FAILED;
                    default -> null;
                };
        String error = null;
        if (state == DeliveryState.UNDELIVERED || state == DeliveryState.FAILED) {
            String code = params.get("ErrorCode");
            String message = params.get("ErrorMessage");
            error = "Twilio " + status + (code == null ? "" : " " + code) + (message == null ? "" : ": " + message);
        }
        return new TwilioCallback(sid, status, state, error);
    }
}
