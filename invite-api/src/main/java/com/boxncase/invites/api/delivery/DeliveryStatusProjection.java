package com.boxncase.invites.api.delivery;

import com.boxncase.invites.contracts.DeliveryStatusChanged;
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
 * Folds the delivery-status topic into the invites' pending-table rows, a batch of records at a time (see
 * {@link DeliveryStatuses}). Events are keyed by invite id, so one partition, and so one consumer, owns an invite's
 * events and sees them in order. If MongoDB cannot be written, the listener throws and the container retries the
 * batch with backoff: a status is never skipped.
 */
@Component
class DeliveryStatusProjection {

    private static final Logger log = LoggerFactory.getLogger(DeliveryStatusProjection.class);

    private final DeliveryStatuses statuses;
    private final JsonMapper json;

    DeliveryStatusProjection(DeliveryStatuses statuses, JsonMapper json) {
        this.statuses = statuses;
        this.json = json;
    }

    @KafkaListener(topics = Topics.DELIVERY_STATUS, groupId = "invite-api-delivery-status", batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        List<DeliveryStatusChanged> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            DeliveryStatusChanged event = decode(record);
            if (event != null) {
                events.add(event);
            }
        }
        statuses.apply(events);
    }

    private DeliveryStatusChanged decode(ConsumerRecord<String, String> record) {
        DeliveryStatusChanged event;
        try {
            event = json.readValue(record.value(), DeliveryStatusChanged.class);
        } catch (JacksonException | IllegalArgumentException e) {
            log.warn("skipping undecodable delivery-status record at offset {}: {}", record.offset(), e.getMessage());
            return null;
        }
        if (event == null
                || event.schemaVersion() != DeliveryStatusChanged.SCHEMA_VERSION
                || event.inviteId() == null
                || event.commandId() == null
                || event.channel() == null
                || event.state() == null
                || event.occurredAt() == null) {
            log.warn("skipping delivery-status record at offset {}: unknown schema or missing ids", record.offset());
            return null;
        }
        return event;
    }
}
