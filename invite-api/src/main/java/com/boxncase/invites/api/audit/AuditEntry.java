package com.boxncase.invites.api.audit;

import com.boxncase.invites.contracts.Actor;
import com.boxncase.invites.contracts.InviteEvent;
import java.time.Instant;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One line of the audit trail: who did what to which invite, when. The id is the event's, so projecting an
 * event twice writes one entry. Kept when old invites are purged.
 */
@Document("audit")
record AuditEntry(
        @Id String id,
        String storeId,
        String inviteId,
        InviteEvent.Type action,
        Actor actor,
        String email,
        String role,
        Map<String, String> details,
        Instant at) {

    static AuditEntry of(InviteEvent event) {
        return new AuditEntry(
                event.eventId(),
                event.storeId(),
                event.inviteId(),
                event.type(),
                event.actor(),
                event.email(),
                event.role(),
                event.details(),
                event.occurredAt());
    }
}
