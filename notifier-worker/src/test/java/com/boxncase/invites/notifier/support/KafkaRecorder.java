package com.boxncase.invites.notifier.support;

import static org.awaitility.Awaitility.await;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.DeliveryStatusChanged;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.kafka.annotation.KafkaListener;

/** Records what the notifier publishes: status events (with their traceparent), retries and dead letters. */
@TestConfiguration
public class KafkaRecorder {

    public static final Duration PATIENCE = Duration.ofSeconds(30);

    public final Queue<DeliveryStatusChanged> statuses = new ConcurrentLinkedQueue<>();
    public final Map<String, String> traceparents = new ConcurrentHashMap<>();
    public final Queue<ConsumerRecord<String, byte[]>> deadLetters = new ConcurrentLinkedQueue<>();
    public final Queue<ConsumerRecord<String, byte[]>> retries = new ConcurrentLinkedQueue<>();

    @KafkaListener(
            topics = Topics.DELIVERY_STATUS,
            groupId = "test-delivery-status",
            properties = "spring.json.value.default.type=com.boxncase.invites.contracts.DeliveryStatusChanged")
    void onStatus(ConsumerRecord<String, DeliveryStatusChanged> record) {
        String traceparent = header(record, "traceparent");
        if (traceparent != null) {
            traceparents.put(record.value().eventId(), traceparent);
        }
        statuses.add(record.value());
    }

    @KafkaListener(
            topics = Topics.NOTIFY_DLT,
            groupId = "test-dead-letters",
            properties = "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
    void onDeadLetter(ConsumerRecord<String, byte[]> record) {
        deadLetters.add(record);
    }

    @KafkaListener(
            topicPattern = "invites\\.notify-retry-.*",
            groupId = "test-retries",
            properties = "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
    void onRetry(ConsumerRecord<String, byte[]> record) {
        retries.add(record);
    }

    public List<DeliveryStatusChanged> events(NotifyInvite command) {
        return statuses.stream()
                .filter(e -> command.commandId().equals(e.commandId()))
                .toList();
    }

    public List<DeliveryStatusChanged> events(NotifyInvite command, Channel channel) {
        return events(command).stream().filter(e -> e.channel() == channel).toList();
    }

    public List<DeliveryState> states(NotifyInvite command) {
        return events(command).stream().map(DeliveryStatusChanged::state).toList();
    }

    public List<DeliveryState> states(NotifyInvite command, Channel channel) {
        return events(command, channel).stream()
                .map(DeliveryStatusChanged::state)
                .toList();
    }

    public List<DeliveryStatusChanged> awaitOutcome(NotifyInvite command, DeliveryState outcome) {
        await().atMost(PATIENCE).until(() -> states(command).contains(outcome));
        return events(command);
    }

    public List<DeliveryStatusChanged> awaitOutcome(NotifyInvite command, Channel channel, DeliveryState outcome) {
        await().atMost(PATIENCE).until(() -> states(command, channel).contains(outcome));
        return events(command, channel);
    }

    public ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        await().atMost(PATIENCE).until(() -> deadLetters.stream().anyMatch(r -> key.equals(r.key())));
        return deadLettersOf(key).get(0);
    }

    public List<ConsumerRecord<String, byte[]>> deadLettersOf(String key) {
        return deadLetters.stream().filter(r -> key.equals(r.key())).toList();
    }

    public List<ConsumerRecord<String, byte[]>> retriesOf(String key) {
        return retries.stream().filter(r -> key.equals(r.key())).toList();
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static String utf8(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
