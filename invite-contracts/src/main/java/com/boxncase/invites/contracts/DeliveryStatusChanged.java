package com.boxncase.invites.contracts;

import java.time.Instant;

/**
 * Event: one channel's delivery of one command moved to {@code state}. Published by the notifier; invite-api
 * folds it into the invite's pending-table row, ignoring events that would move the delivery backwards (see
 * {@link DeliveryState#progress(int)}) or that belong to an older command.
 *
 * @param providerMessageId SMTP Message-ID or Twilio message SID, once known
 * @param error human-readable reason for RETRYING, FAILED, SKIPPED, UNDELIVERED; null otherwise
 * @param nextAttemptAt for RETRYING: when the next attempt is due; null otherwise (added in version 1 as an
 *     optional field, so older consumers ignore it)
 */
public record DeliveryStatusChanged(
        int schemaVersion,
        String eventId,
        String inviteId,
        String storeId,
        String commandId,
        Channel channel,
        DeliveryState state,
        int attempt,
        String providerMessageId,
        String error,
        Instant occurredAt,
        Instant nextAttemptAt) {

    public static final int SCHEMA_VERSION = 1;
}
