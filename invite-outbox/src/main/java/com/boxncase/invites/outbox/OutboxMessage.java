package com.boxncase.invites.outbox;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

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
        Map<String, String> headers) {

    /**
     * The message as an {@code outbox} array entry, for writers that update the invite document with raw
     * updates (conditional {@code $push}). The relay reads entries back with {@link #fromDocument}.
     */
    public Document toDocument() {
        return new Document("messageId", messageId)
                .append("topic", topic)
                .append("key", key)
                .append("type", type)
                .append("payload", payload)
                .append("createdAt", Date.from(createdAt))
                .append("headers", headers);
    }

    /** An {@code outbox} array entry as stored; entries written before tracing have no headers. */
    public static OutboxMessage fromDocument(Document entry) {
        return new OutboxMessage(
                entry.getString("messageId"),
                entry.getString("topic"),
                entry.getString("key"),
                entry.getString("type"),
                entry.getString("payload"),
                entry.getDate("createdAt").toInstant(),
                headersOf(entry));
    }

    private static Map<String, String> headersOf(Document entry) {
        Document headers = entry.get("headers", Document.class);
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        Map<String, String> strings = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (value != null) {
                strings.put(name, value.toString());
            }
        });
        return strings;
    }
}
