package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.DeliveryStatusChanged;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.Topics;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes {@link DeliveryStatusChanged} events to {@link Topics#DELIVERY_STATUS}, keyed by invite id. An
 * outcome (SENT, FAILED, SKIPPED) is awaited so it is not lost with the offset committed; in-flight states
 * are fire-and-forget.
 */
@Component
class DeliveryStatusPublisher {

    private static final Logger log = LoggerFactory.getLogger(DeliveryStatusPublisher.class);

    private final KafkaTemplate<String, Object> kafka;

    DeliveryStatusPublisher(KafkaTemplate<String, Object> kafka) {
        this.kafka = kafka;
    }

    void publish(
            NotifyInvite command,
            Channel channel,
            DeliveryState state,
            int attempt,
            String providerMessageId,
            String error) {
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
                Instant.now());
        var sent = kafka.send(Topics.DELIVERY_STATUS, command.inviteId(), event);
        if (!state.isTerminal()) {
            sent.whenComplete((result, failure) -> {
                if (failure != null) {
                    log.warn(
                            "Status {} of invite {} was not published: {}",
                            state,
                            command.inviteId(),
                            failure.toString());
                }
            });
            return;
        }
        try {
            sent.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + state, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("status " + state + " was not published", e);
        }
    }
}
