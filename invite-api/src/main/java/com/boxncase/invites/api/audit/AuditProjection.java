package com.boxncase.invites.api.audit;

import com.boxncase.invites.contracts.InviteEvent;
import com.boxncase.invites.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the audit trail from the invite events topic, a batch at a time in one bulk insert. Because every event
 * leaves through the outbox of the write that caused it, the trail has an entry for every change, even if a
 * process died right after it. It only records: no event on this topic changes an invite or creates an admin user.
 */
@Component
class AuditProjection {

    private static final Logger log = LoggerFactory.getLogger(AuditProjection.class);

    private final AuditTrail trail;
    private final JsonMapper json;

    AuditProjection(AuditTrail trail, JsonMapper json) {
        this.trail = trail;
        this.json = json;
    }

    @KafkaListener(topics = Topics.EVENTS, groupId = "invite-api-audit", batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        List<InviteEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            InviteEvent event = decode(record);
            if (event != null) {
                events.add(event);
            }
        }
        trail.recordAll(events);
    }

    private InviteEvent decode(ConsumerRecord<String, String> record) {
        InviteEvent event;
        try {
            event = json.readValue(record.value(), InviteEvent.class);
        } catch (JacksonException | IllegalArgumentException e) {
            log.warn("skipping undecodable invite event at offset {}: {}", record.offset(), e.getMessage());
            return null;
        }
        if (event == null
                || event.schemaVersion() != InviteEvent.SCHEMA_VERSION
                || event.type() == null
                || event.eventId() == null) {
            log.warn("skipping invite event at offset {} of unknown schema", record.offset());
            return null;
        }
        return event;
    }
}
