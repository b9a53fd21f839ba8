package com.boxncase.invites.api.audit;

import com.boxncase.invites.api.user.AdminUser;
import com.boxncase.invites.api.user.AdminUsers;
import com.boxncase.invites.contracts.InviteEvent;
import com.boxncase.invites.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the audit trail from the invite events topic. Because every event leaves through the outbox of the
 * write that caused it, the trail has an entry for every change, even if a process died right after it.
 * Also records the admin user of every acceptance (idempotently), closing the gap a crash could leave.
 */
@Component
class AuditProjection {

    private static final Logger log = LoggerFactory.getLogger(AuditProjection.class);

    private final MongoTemplate mongo;
    private final AdminUsers adminUsers;
    private final JsonMapper json;

    AuditProjection(MongoTemplate mongo, AdminUsers adminUsers, JsonMapper json) {
        this.mongo = mongo;
        this.adminUsers = adminUsers;
        this.json = json;
    }

    @KafkaListener(topics = Topics.EVENTS, groupId = "invite-api-audit")
    void on(String payload) {
        InviteEvent event;
        try {
            event = json.readValue(payload, InviteEvent.class);
        } catch (JacksonException e) {
            log.warn("skipping undecodable invite event: {}", e.getOriginalMessage());
            return;
        }
        if (event.schemaVersion() != InviteEvent.SCHEMA_VERSION || event.type() == null) {
            log.warn("skipping invite event {} of unknown schema", event.eventId());
            return;
        }
        mongo.save(AuditEntry.of(event));
        if (event.type() == InviteEvent.Type.ACCEPTED && adminUsers.find(event.inviteId()) == null) {
            adminUsers.record(AdminUser.of(
                    event.inviteId(),
                    event.storeId(),
                    event.email(),
                    event.details().get("acceptedName"),
                    event.role(),
                    event.occurredAt()));
        }
    }
}
