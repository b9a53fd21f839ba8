package com.boxncase.invites.outbox;

import java.time.Instant;

/**
 * A message waiting in a document's {@code outbox} array until Kafka acknowledges it. It is written in the
 * same single-document update as the state change it describes, so the two can never disagree.
 *
 * @param messageId the id consumers dedupe on (the command or event id inside {@code payload})
 * @param payload the message as JSON, exactly as it will be published
 */
public record OutboxMessage(
        String messageId, String topic, String key, String type, String payload, Instant createdAt) {}
