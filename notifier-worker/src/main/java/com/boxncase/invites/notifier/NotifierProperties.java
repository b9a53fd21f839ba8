package com.boxncase.invites.notifier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Settings of the notifier, under {@code invites.notifier}. */
@Validated
@ConfigurationProperties("invites.notifier")
public record NotifierProperties(
        @Valid @NotNull @DefaultValue Retry retry,
        @Valid @NotNull @DefaultValue Email email,
        @Valid @NotNull @DefaultValue Templates templates) {

    /**
     * Non-blocking retries of {@code invites.notify} on retry topics.
     *
     * @param attempts total attempts including the first
     * @param initialDelay delay before the first retry
     * @param multiplier growth of the delay per retry
     * @param maxDelay upper bound of the delay
     * @param topicPartitions partitions of the auto-created retry topics and DLT (match {@code invites.notify})
     */
    public record Retry(
            @Min(1) @DefaultValue("5") int attempts,
            @NotNull @DefaultValue("1s") Duration initialDelay,
            @DecimalMin("1.0") @DefaultValue("2.0") double multiplier,
            @NotNull @DefaultValue("60s") Duration maxDelay,
            @Min(1) @DefaultValue("1") int topicPartitions) {}

    /**
     * @param fromAddress the platform's sending address, required; the store's sender name (its setting
     *     {@code senderName}, else {@code invites.store-defaults.sender-name}, else its store name) is its display
     *     name. A {@code .local} address is refused outside the {@code local} profile ({@link SenderAddressCheck}).
     * @param maxIdleConnections open SMTP connections kept for reuse
     */
    public record Email(
            @NotBlank @jakarta.validation.constraints.Email String fromAddress,

            @Min(0) @DefaultValue("4") int maxIdleConnections) {}

    /** @param cacheMaxAge how long a cached store template (or its absence) is trusted without a change notice */
    public record Templates(@NotNull @DefaultValue("5m") Duration cacheMaxAge) {}
}
