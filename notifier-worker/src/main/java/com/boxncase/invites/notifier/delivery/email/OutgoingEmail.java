package com.boxncase.invites.notifier.delivery.email;

import java.util.Map;

/**
 * One email to send.
 *
 * @param senderName display name of the From address (the store's sender name)
 * @param replyTo the store's reply-to address, or null
 * @param headers extra headers such as {@code X-Invite-Id}
 */
public record OutgoingEmail(
        String to,
        String senderName,
        String replyTo,
        String subject,
        String text,
        String html,
        Map<String, String> headers) {

    public OutgoingEmail {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
