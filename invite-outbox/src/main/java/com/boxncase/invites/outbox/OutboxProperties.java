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
 * @param sweepInterval how often the relay checks whether a sweep is due
 * @param grace how old a message must be before the sweep takes it (the fast path normally wins)
 * @param batchSize documents per sweep query
 * @param sendTimeout how long to wait for Kafka's acknowledgement before leaving a message for later
 * @param idleSweepInterval how often the relay sweeps when nothing of its own is known to be waiting: this
 *     finds what another instance left behind when it died. After a Kafka failure, a full fast-path queue or
 *     at start-up, the next check sweeps at once.
 * @param removalDelay how long an acknowledged message may wait in its document for a later write of that
 *     document to remove it (see {@link OutboxRelay#takeAcknowledged}) before the relay removes it itself
 */
@Validated
@ConfigurationProperties("invites.outbox")
public record OutboxProperties(
        @DefaultValue("invites") @NotBlank String collection,
        @DefaultValue("1s") @NotNull Duration sweepInterval,
        @DefaultValue("3s") @NotNull Duration grace,
        @DefaultValue("200") @Min(1) int batchSize,
        @DefaultValue("10s") @NotNull Duration sendTimeout,
        @DefaultValue("60s") @NotNull Duration idleSweepInterval,
        @DefaultValue("0s") @NotNull Duration removalDelay) {}
