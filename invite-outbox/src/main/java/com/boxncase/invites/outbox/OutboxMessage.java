package com.boxncase.invites.outbox;

import java.time.Instant;
import java.util.Map;

/**
 * A message waiting in a document's {@code outbox} array until Kafka acknowledges it. It is written in the
 * same single-document update as the state change it describes, so the two can never disagree.
 *
 * @param messageId the id consumers dedupe on (the command or event id inside {@code payload})
 * @param payload the message as JSON, exactly as it will be published
 * @param headers Kafka headers to publish with it: the trace context of the request or job that wrote it
 *     (W3C {@code traceparent}); null or empty when there was none (and in documents written before tracing)
 */
public record OutboxMessage(
        String messageId,
        String topic,
        String key,
        String type,
        String payload,
        Instant createdAt,
        Map<String, String> headers) {}
