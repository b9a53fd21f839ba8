package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.Topics;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * The records that hand a command on: to the retry topic of its next attempt, or to {@link Topics#NOTIFY_DLT}.
 * Both carry the command (narrowed to the channels that still need it) keyed by invite id, every header the command
 * came with (its {@code traceparent} among them), where it first came from ({@code kafka_original-*}, set once),
 * why it was handed on ({@code kafka_exception-fqcn}, {@code kafka_exception-message}) and, on a retry topic, the
 * attempt it will be and when it is due, in the headers spring-kafka's own retry topics use ({@code
 * retry_topic-attempts}, {@code retry_topic-backoff-timestamp}), which invite-api's dead-letter view reads too.
 */
@Component
class RetryChain {

    private static final String EXCEPTION_HEADERS = "kafka_exception-";

    private final RetrySchedule schedule;

    RetryChain(RetrySchedule schedule) {
        this.schedule = schedule;
    }

    /** The attempt a record is: 1 on {@link Topics#NOTIFY}, its header's on a retry topic. */
    int attemptOf(ConsumerRecord<String, byte[]> record) {
        if (!record.topic().startsWith(Topics.NOTIFY_RETRY_PREFIX)) {
            return 1;
        }
        Header header = record.headers().lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS);
        if (header == null || header.value() == null || header.value().length == 0) {
            return 2;
        }
        byte[] value = header.value();
        return value.length == Integer.BYTES ? ByteBuffer.wrap(value).getInt() : new BigInteger(value).intValue();
    }

    /** When a record of a retry topic is due; null when it says nothing (then it is due now). */
    Instant dueAt(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP);
        if (header == null || header.value() == null || header.value().length == 0) {
            return null;
        }
        return Instant.ofEpochMilli(new BigInteger(header.value()).longValue());
    }

    /** {@code incoming}'s next attempt on {@code channels}, due at {@code dueAt}, after its attempt failed. */
    ProducerRecord<String, Object> retry(
            IncomingCommand incoming, List<Channel> channels, Instant dueAt, Class<?> failure, String error) {
        Headers headers = handedOn(incoming.record(), failure, error);
        headers.add(
                RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS,
                ByteBuffer.allocate(Integer.BYTES)
                        .putInt(incoming.attempt() + 1)
                        .array());
        headers.add(
                RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP,
                BigInteger.valueOf(dueAt.toEpochMilli()).toByteArray());
        return new ProducerRecord<>(
                schedule.topicAfter(incoming.attempt()),
                null,
                incoming.record().key(),
                narrowed(incoming.command(), channels),
                headers);
    }

    /**
     * {@code incoming}, for {@code channels}, to the dead-letter topic after its attempt {@code attempt} failed for
     * good or was the last; {@code retry_topic-attempts} says how many attempts were made.
     */
    ProducerRecord<String, Object> deadLetter(
            IncomingCommand incoming, List<Channel> channels, int attempt, Class<?> failure, String error) {
        Headers headers = handedOn(incoming.record(), failure, error);
        headers.add(
                RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS,
                ByteBuffer.allocate(Integer.BYTES).putInt(attempt).array());
        return new ProducerRecord<>(
                Topics.NOTIFY_DLT, null, incoming.record().key(), narrowed(incoming.command(), channels), headers);
    }

    /** A record that is not a readable command, to the dead-letter topic exactly as it came. */
    ProducerRecord<String, Object> deadLetterAsIs(ConsumerRecord<String, byte[]> record, Exception failure) {
        return new ProducerRecord<>(
                Topics.NOTIFY_DLT,
                null,
                record.key(),
                record.value() == null ? new byte[0] : record.value(),
                handedOn(record, failure.getClass(), failure.getMessage()));
    }

    private static NotifyInvite narrowed(NotifyInvite command, List<Channel> channels) {
        return new NotifyInvite(
                NotifyInvite.SCHEMA_VERSION,
                command.commandId(),
                command.inviteId(),
                command.storeId(),
                command.reason(),
                channels,
                command.linkId(),
                command.issuedAt());
    }

    private static Headers handedOn(ConsumerRecord<String, byte[]> record, Class<?> failure, String error) {
        RecordHeaders headers = new RecordHeaders();
        boolean hasOrigin = false;
        for (Header header : record.headers()) {
            String key = header.key();
            if (key.startsWith(EXCEPTION_HEADERS)
                    || key.equals(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS)
                    || key.equals(RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP)) {
                continue; // replaced below: they describe this hand-over, not an earlier one
            }
            hasOrigin |= key.equals(KafkaHeaders.ORIGINAL_TOPIC);
            headers.add(header);
        }
        if (!hasOrigin) {
            headers.add(KafkaHeaders.ORIGINAL_TOPIC, utf8(record.topic()));
            headers.add(
                    KafkaHeaders.ORIGINAL_PARTITION,
                    ByteBuffer.allocate(Integer.BYTES)
                            .putInt(record.partition())
                            .array());
            headers.add(
                    KafkaHeaders.ORIGINAL_OFFSET,
                    ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
            headers.add(
                    KafkaHeaders.ORIGINAL_TIMESTAMP,
                    ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
            headers.add(
                    KafkaHeaders.ORIGINAL_TIMESTAMP_TYPE,
                    utf8(record.timestampType().toString()));
        }
        headers.add(KafkaHeaders.EXCEPTION_FQCN, utf8(failure.getName()));
        headers.add(KafkaHeaders.EXCEPTION_MESSAGE, utf8(error == null ? "" : error));
        return headers;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
