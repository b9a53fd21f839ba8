package com.boxncase.invites.outbox;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What writers use: turn a message record into an {@link OutboxMessage} to {@code $push} into the document
 * in the same update as the state change, and after the write hand the messages to the relay.
 */
public class Outbox {

    private final JsonMapper json;
    private final OutboxRelay relay;
    private final Clock clock;
    private final TraceHeaders traceHeaders;

    public Outbox(JsonMapper json, OutboxRelay relay, Clock clock) {
        this(json, relay, clock, TraceHeaders.NONE);
    }

    public Outbox(JsonMapper json, OutboxRelay relay, Clock clock, TraceHeaders traceHeaders) {
        this.json = json;
        this.relay = relay;
        this.clock = clock;
        this.traceHeaders = traceHeaders;
    }

    /**
     * Builds the message in the writer's thread, keeping its trace context (if any) in {@code headers}: the
     * relay publishes from another thread, possibly much later, and restores it as Kafka headers.
     */
    public OutboxMessage message(String topic, String key, String messageId, Object payload) {
        return new OutboxMessage(
                messageId,
                topic,
                key,
                payload.getClass().getSimpleName(),
                json.writeValueAsString(payload),
                clock.instant(),
                headersOrNull(traceHeaders.current()));
    }

    private static Map<String, String> headersOrNull(Map<String, String> headers) {
        return headers == null || headers.isEmpty() ? null : Map.copyOf(headers);
    }

    /**
     * Publishes the messages of a write that MongoDB has acknowledged, without waiting. If this does not
     * get through (Kafka down, process dies), the relay's sweep publishes them later from the document.
     */
    public void written(String documentId, List<OutboxMessage> messages) {
        if (!messages.isEmpty()) {
            relay.publishSoon(documentId, messages);
        }
    }
}
