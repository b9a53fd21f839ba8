package com.boxncase.invites.outbox;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outbox relay settings ({@code invites.outbox.*}).
 *
 * @param collection the collection whose documents carry an {@code outbox} array
 * @param sweepInterval how often the relay looks for messages the fast path did not publish
 * @param grace how old a message must be before the sweep takes it (the fast path normally wins)
 * @param batchSize documents per sweep query
 * @param sendTimeout how long to wait for Kafka's acknowledgement before leaving a message for later
 */
@Validated
@ConfigurationProperties("invites.outbox")
public record OutboxProperties(
        @DefaultValue("invites") @NotBlank String collection,
        @DefaultValue("1s") @NotNull Duration sweepInterval,
        @DefaultValue("3s") @NotNull Duration grace,
        @DefaultValue("200") @Min(1) int batchSize,
        @DefaultValue("10s") @NotNull Duration sendTimeout) {}
