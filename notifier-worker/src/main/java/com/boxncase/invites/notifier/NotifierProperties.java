package com.boxncase.invites.notifier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the notifier, under {@code invites.notifier}.
 *
 * @param concurrency consumer threads for {@code invites.notify}; more than its partitions stay idle
 */
@Validated
@ConfigurationProperties("invites.notifier")
public record NotifierProperties(
        @Min(1) @Max(64) @DefaultValue("3") int concurrency,
        @Valid @NotNull @DefaultValue Batch batch,
        @Valid @NotNull @DefaultValue Retry retry,
        @Valid @NotNull @DefaultValue Email email,
        @Valid @NotNull @DefaultValue Sms sms,
        @Valid @NotNull @DefaultValue Ledger ledger,
        @Valid @NotNull @DefaultValue Templates templates) {

    /** Failing emails at once for a while after a refused connection must not use up retries that never tried. */
    @AssertTrue(
            message = "invites.notifier.email.unavailable-cooldown must be shorter than invites.notifier.retry"
                    + ".initial-delay, or retries would fail without trying the mail relay")
    boolean isCooldownShorterThanTheFirstRetry() {
        return retry == null
                || email == null
                || retry.initialDelay() == null
                || email.unavailableCooldown() == null
                || email.unavailableCooldown().compareTo(retry.initialDelay()) < 0;
    }

    /**
     * How {@code invites.notify} is consumed: in batches of up to {@code maxPollRecords}. A fetch returns as soon as
     * {@code fetchMinBytes} are there or {@code fetchMaxWait} has passed, so a quiet topic delivers at once and a
     * busy one fills the batch while the previous batch is being sent. With one byte enough, {@code fetchMaxWait} only
     * bounds an idle consumer's long poll (a command arriving ends it at once): a short one costs the broker a fetch
     * per consumer that often, for nothing.
     */
    public record Batch(
            @Min(1) @Max(5000) @DefaultValue("500") int maxPollRecords,
            @Min(1) @DefaultValue("1") int fetchMinBytes,
            @NotNull @DefaultValue("500ms") Duration fetchMaxWait) {}

    /**
     * Non-blocking retries of a transient failure on retry topics, one per delay: the delay after attempt {@code n}
     * is {@code initialDelay * multiplier^(n-1)}, at most {@code maxDelay}. The defaults (17 attempts, 10 s doubling
     * to 5 min) keep retrying for just over an hour, so an outage of the mail relay or of Twilio of up to an hour
     * dead-letters nothing.
     *
     * @param attempts total attempts including the first
     * @param topicPartitions partitions of {@code invites.notify}, its retry topics and its dead-letter topic when
     *     {@code invites.notify} does not exist yet; when it exists, its own partition count is used
     * @param concurrency consumer threads per retry topic
     * @param maxPollRecords records per poll of a retry topic; the due ones are delivered as one batch
     */
    public record Retry(
            @Min(1) @Max(100) @DefaultValue("17") int attempts,
            @NotNull @DefaultValue("10s") Duration initialDelay,
            @DecimalMin("1.0") @DefaultValue("2.0") double multiplier,
            @NotNull @DefaultValue("5m") Duration maxDelay,
            @Min(1) @DefaultValue("3") int topicPartitions,
            @Min(1) @Max(16) @DefaultValue("1") int concurrency,
            @Min(1) @Max(5000) @DefaultValue("200") int maxPollRecords) {

        @AssertTrue(message = "invites.notifier.retry: initial-delay must be positive and at most max-delay")
        boolean isDelaysOrdered() {
            return initialDelay != null
                    && maxDelay != null
                    && initialDelay.toMillis() > 0
                    && initialDelay.compareTo(maxDelay) <= 0;
        }
    }

    /**
     * @param fromAddress the platform's sending address, required; the store's sender name (its setting
     *     {@code senderName}, else {@code invites.store-defaults.sender-name}, else its store name) is its display
     *     name. A {@code .local} address is refused outside the {@code local} profile ({@link SenderAddressCheck}).
     * @param connections sender threads, each with its own SMTP connection kept open between emails. A provider's
     *     latency costs wall time, not CPU: an instance delivers at most {@code connections} / (time the relay takes
     *     per message), so the default of 32 keeps up with 300 invites/s at 100 ms a message while staying under
     *     the 50 connections per client a relay commonly allows (Postfix's default)
     * @param unavailableCooldown after a connection to the mail relay failed, how long emails fail at once (and go
     *     to the retry topics) before the next connection is tried, so a relay that does not answer costs one
     *     connect timeout, not one per email
     */
    public record Email(
            @NotBlank @jakarta.validation.constraints.Email String fromAddress,

            @Min(1) @Max(256) @DefaultValue("32") int connections,
            @NotNull @DefaultValue("2s") Duration unavailableCooldown) {}

    /** @param senders threads sending texts in parallel (each Twilio call is one HTTP request) */
    public record Sms(@Min(1) @Max(64) @DefaultValue("4") int senders) {}

    /** @param retention how long {@code notify_ledger} keeps an entry (a TTL index on its {@code createdAt}) */
    public record Ledger(@NotNull @DefaultValue("30d") Duration retention) {

        @AssertTrue(message = "invites.notifier.ledger.retention must be longer than a day, to outlast redeliveries")
        boolean isRetentionLongEnough() {
            return retention != null && retention.compareTo(Duration.ofDays(1)) > 0;
        }
    }

    /** @param cacheMaxAge how long a cached store template (or its absence) is trusted without a change notice */
    public record Templates(@NotNull @DefaultValue("5m") Duration cacheMaxAge) {}
}
