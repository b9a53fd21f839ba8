package com.boxncase.invites.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * Event: a fact about an invite, published through the outbox for every state change (and for link copies,
 * which the audit trail records). invite-api projects these into the audit trail and the admin-user
 * records; other platform services may listen too.
 *
 * @param details type-specific facts, e.g. {@code acceptedName} for ACCEPTED, {@code commandId} for RESENT
 */
public record InviteEvent(
        int schemaVersion,
        String eventId,
        Type type,
        String inviteId,
        String storeId,
        String email,
        String role,
        Actor actor,
        Map<String, String> details,
        Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;

    public InviteEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public enum Type {
        CREATED,
        RESENT,
        LINK_COPIED,
        REVOKED,
        ACCEPTED,
        EXPIRED,
        REMINDER_QUEUED,
        /** An operator replayed a dead-lettered command; details carry {@code commandId} and {@code replayOf}. */
        DELIVERY_REPLAYED
    }
}
