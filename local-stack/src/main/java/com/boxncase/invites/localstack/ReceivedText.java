package com.boxncase.invites.localstack;

import java.time.Instant;
import java.util.List;

/**
 * A text the local Twilio server accepted, with the status callbacks it posted ({@code "sent -> 200"}).
 *
 * @param from the From number, or the MessagingServiceSid when the request named a service
 */
public record ReceivedText(
        String sid,
        String to,
        String from,
        String body,
        String statusCallback,
        Instant receivedAt,
        List<String> callbacks) {}
