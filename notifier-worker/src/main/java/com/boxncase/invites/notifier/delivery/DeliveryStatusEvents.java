package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.DeliveryStatusChanged;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.Topics;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The {@link DeliveryStatusChanged} records of {@link Topics#DELIVERY_STATUS}, keyed by invite id. Each carries the
 * {@code traceparent} its command came with, so a delivery shows in the trace of the request that caused it without
 * the cost of a span per record.
 */
final class DeliveryStatusEvents {

    static final String TRACEPARENT = "traceparent";

    private DeliveryStatusEvents() {}

    static ProducerRecord<String, Object> event(
            IncomingCommand incoming,
            Channel channel,
            DeliveryState state,
            int attempt,
            String providerMessageId,
            String error,
            Instant nextAttemptAt,
            Instant now) {
        NotifyInvite command = incoming.command();
        DeliveryStatusChanged event = new DeliveryStatusChanged(
                DeliveryStatusChanged.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                command.inviteId(),
                command.storeId(),
                command.commandId(),
                channel,
                state,
                attempt,
                providerMessageId,
                error,
                now,
                nextAttemptAt);
        RecordHeaders headers = new RecordHeaders();
        Header traceparent = incoming.record().headers().lastHeader(TRACEPARENT);
        if (traceparent != null) {
            headers.add(traceparent);
        }
        return new ProducerRecord<>(Topics.DELIVERY_STATUS, null, command.inviteId(), event, headers);
    }
}
