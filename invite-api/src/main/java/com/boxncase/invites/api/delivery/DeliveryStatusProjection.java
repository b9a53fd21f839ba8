package com.boxncase.invites.api.delivery;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.DeliveryStatusChanged;
import com.boxncase.invites.contracts.Topics;
import java.util.Date;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Folds delivery-status events into the invite's pending-table row. One conditional update per event: it
 * applies only to the invite's current command and only if it moves that channel's delivery forward, so
 * duplicates, late arrivals and events of a superseded command change nothing.
 */
@Component
class DeliveryStatusProjection {

    private static final Logger log = LoggerFactory.getLogger(DeliveryStatusProjection.class);

    private final MongoTemplate mongo;
    private final JsonMapper json;

    DeliveryStatusProjection(MongoTemplate mongo, JsonMapper json) {
        this.mongo = mongo;
        this.json = json;
    }

    @KafkaListener(topics = Topics.DELIVERY_STATUS, groupId = "invite-api-delivery-status")
    void on(String payload) {
        DeliveryStatusChanged event;
        try {
            event = json.readValue(payload, DeliveryStatusChanged.class);
        } catch (JacksonException e) {
            log.warn("skipping undecodable delivery-status record: {}", e.getOriginalMessage());
            return;
        }
        if (event.schemaVersion() != DeliveryStatusChanged.SCHEMA_VERSION || event.channel() == null) {
            log.warn("skipping delivery-status event {} of unknown schema", event.eventId());
            return;
        }
        apply(event);
    }

    /** Returns whether the event changed the invite. */
    boolean apply(DeliveryStatusChanged event) {
        String field = "deliveries." + event.channel().name();
        long progress = event.state().progress(event.attempt());
        Query query = new Query(Criteria.where("_id")
                .is(event.inviteId())
                .and("commandId")
                .is(event.commandId())
                .orOperator(
                        where(field + ".progress").lt(progress), where(field).exists(false)));
        Document delivery = new Document("state", event.state().name())
                .append("channel", event.channel().name())
                .append("attempts", event.attempt())
                .append("lastError", event.error())
                .append("updatedAt", Date.from(event.occurredAt()))
                .append("progress", progress)
                .append("commandId", event.commandId())
                .append("providerMessageId", event.providerMessageId());
        Update update = new Update().set(field, delivery).inc("version", 1);
        boolean changed = mongo.updateFirst(query, update, "invites").getModifiedCount() > 0;
        if (changed && event.state() == DeliveryState.SENT) {
            countSend(event);
        }
        log.debug(
                "delivery {} {} for invite {} command {}: {}",
                event.channel(),
                event.state(),
                event.inviteId(),
                event.commandId(),
                changed ? "applied" : "ignored (stale, duplicate or superseded)");
        return changed;
    }

    /**
     * One send is one command that reached the invitee on at least one channel: a store with EMAIL and SMS
     * counts one send, not two. {@code sentCommandId} makes the count idempotent per command.
     */
    private void countSend(DeliveryStatusChanged event) {
        Query firstSentChannel = new Query(where("_id")
                .is(event.inviteId())
                .and("commandId")
                .is(event.commandId())
                .and("sentCommandId")
                .ne(event.commandId()));
        Update send = new Update()
                .set("sentCommandId", event.commandId())
                .set("lastSentAt", event.occurredAt())
                .inc("sendCount", 1)
                .inc("version", 1);
        mongo.updateFirst(firstSentChannel, send, "invites");
    }
}
