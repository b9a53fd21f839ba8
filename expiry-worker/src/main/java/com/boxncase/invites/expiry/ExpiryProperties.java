package com.boxncase.invites.expiry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Expiry worker settings ({@code invites.expiry.*}).
 *
 * @param schedulingEnabled whether runs are scheduled; tests switch it off and call the jobs directly
 * @param runInterval pause between the end of one run and the start of the next
 * @param batchSize invites read per query
 * @param maxBatchesPerRun upper bound of batches per job and run, so one run cannot go on for ever
 * @param reminderLead how long before {@code expiresAt} the reminder is queued
 * @param remindersEnabled global switch; stores can also switch reminders off ({@code store_settings})
 * @param retention how long finished invites stay in the hot collection before purge
 * @param storeDefaults what a reminder uses where a store's settings leave a field out
 */
@Validated
@ConfigurationProperties("invites.expiry")
public record ExpiryProperties(
        @DefaultValue("true") boolean schedulingEnabled,
        @DefaultValue("30s") @NotNull Duration runInterval,
        @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("20") @Min(1) int maxBatchesPerRun,
        @DefaultValue("24h") @NotNull Duration reminderLead,
        @DefaultValue("true") boolean remindersEnabled,
        @DefaultValue("90d") @NotNull Duration retention,
        @DefaultValue @Valid @NotNull StoreDefaults storeDefaults) {

    public ExpiryProperties {
        requirePositive("run-interval", runInterval);
        requirePositive("reminder-lead", reminderLead);
        requirePositive("retention", retention);
    }

    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException("invites.expiry." + name + " must be positive, was " + value);
        }
    }

    /**
     * Fallbacks for fields a store has not set in {@code store_settings}.
     *
     * @param senderName null lets the notifier choose
     * @param replyTo null means no Reply-To header
     */
    public record StoreDefaults(
            @DefaultValue("BoxNCase store") @NotBlank String storeName,
            String senderName,
            String replyTo,

            @DefaultValue("http://localhost:8080/accept") @NotBlank
            String acceptUrlBase,

            @DefaultValue("en") @NotBlank String defaultLocale) {}
}
