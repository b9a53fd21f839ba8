package com.boxncase.invites.api.ops;

import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.Topics;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@link Topics#NOTIFY_DLT} as raw bytes with a consumer assigned to its partitions: no consumer group,
 * nothing committed, so looking never changes what the notifier or anyone else sees. Pages run partition by
 * partition, oldest first.
 */
@Component
class DeadLetters {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final int MAX_MESSAGE_LENGTH = 1_000;

    private final KafkaProperties kafka;
    private final JsonMapper json;

    DeadLetters(KafkaProperties kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    /** Up to {@code limit} dead letters from {@code from} on (null: the start of the topic). */
    Page page(DeadLetterId from, int limit) {
        return read(from, limit, letter -> true);
    }

    /** Every dead letter matching {@code filter}, reading at most {@code maxScanned} records. */
    Page matching(Predicate<DeadLetter> filter, int maxScanned) {
        return read(null, maxScanned, filter);
    }

    Optional<DeadLetter> find(DeadLetterId id) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            TopicPartition partition = new TopicPartition(Topics.NOTIFY_DLT, id.partition());
            if (partitions(consumer).stream().noneMatch(partition::equals)) {
                return Optional.empty();
            }
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            if (id.offset() >= end) {
                return Optional.empty();
            }
            consumer.assign(List.of(partition));
            consumer.seek(partition, id.offset());
            Instant deadline = Instant.now().plus(PATIENCE);
            while (consumer.position(partition) <= id.offset() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() == id.offset()) {
                        return Optional.of(deadLetter(record));
                    }
                }
            }
            return Optional.empty(); // compacted away, or beyond the retention
        }
    }

    private Page read(DeadLetterId from, int limit, Predicate<DeadLetter> filter) {
        List<DeadLetter> items = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(PATIENCE);
            int scanned = 0;
            for (TopicPartition partition : partitions) {
                if (from != null && partition.partition() < from.partition()) {
                    continue;
                }
                long start = begin.get(partition);
                if (from != null && partition.partition() == from.partition()) {
                    start = Math.max(start, from.offset());
                }
                long stop = end.get(partition);
                if (start >= stop) {
                    continue;
                }
                consumer.assign(List.of(partition));
                consumer.seek(partition, start);
                while (consumer.position(partition) < stop) {
                    if (Instant.now().isAfter(deadline)) {
                        return new Page(items, new DeadLetterId(partition.partition(), consumer.position(partition)));
                    }
                    Iterator<ConsumerRecord<byte[], byte[]>> records =
                            consumer.poll(POLL).records(partition).iterator();
                    while (records.hasNext()) {
                        ConsumerRecord<byte[], byte[]> record = records.next();
                        if (record.offset() >= stop) {
                            break;
                        }
                        if (scanned == limit) {
                            return new Page(items, new DeadLetterId(partition.partition(), record.offset()));
                        }
                        scanned++;
                        DeadLetter letter = deadLetter(record);
                        if (filter.test(letter)) {
                            items.add(letter);
                        }
                    }
                }
            }
        }
        return new Page(items, null);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.NOTIFY_DLT);
        if (infos == null) {
            return List.of();
        }
        return infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.CLIENT_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        config.putIfAbsent(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record) {
        NotifyInvite command = command(record.value());
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        String payload = null;
        String encoding = null;
        if (command == null && record.value() != null) {
            payload = utf8(record.value());
            encoding = "utf-8";
            if (payload == null) {
                payload = Base64.getEncoder().encodeToString(record.value());
                encoding = "base64";
            }
        }
        return new DeadLetter(
                DeadLetter.id(record.partition(), record.offset()),
                record.partition(),
                record.offset(),
                firstHeader(record, KafkaHeaders.ORIGINAL_TOPIC),
                key,
                command != null ? command.inviteId() : key,
                command != null ? command.commandId() : null,
                command != null && command.reason() != null ? command.reason().name() : null,
                lastHeader(record, KafkaHeaders.EXCEPTION_FQCN),
                lastHeader(record, KafkaHeaders.EXCEPTION_CAUSE_FQCN),
                truncate(lastHeader(record, KafkaHeaders.EXCEPTION_MESSAGE)),
                attempts(record),
                Instant.ofEpochMilli(record.timestamp()),
                command != null,
                payload,
                encoding,
                command);
    }

    /** The command, when the record is a NotifyInvite this version of the notifier can send; else null. */
    private NotifyInvite command(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            NotifyInvite command = json.readValue(value, NotifyInvite.class);
            return command != null && NotifyInvite.readable(command.schemaVersion()) && command.complete()
                    ? command
                    : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Integer attempts(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS);
        if (header == null || header.value() == null || header.value().length == 0) {
            return null;
        }
        byte[] value = header.value();
        return value.length == Integer.BYTES ? ByteBuffer.wrap(value).getInt() : new BigInteger(value).intValue();
    }

    private static String firstHeader(ConsumerRecord<?, ?> record, String name) {
        for (Header header : record.headers().headers(name)) {
            return header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
        return null;
    }

    private static String lastHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_MESSAGE_LENGTH ? text : text.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** @param next where the following page starts; null at the end of the topic */
    record Page(List<DeadLetter> items, DeadLetterId next) {}
}
