package com.boxncase.invites.expiry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Expiry worker settings ({@code invites.expiry.*}). What a store chose (reminders on or off, its time zone) is
 * stamped on each invite by invite-api, so this worker keeps no copy of the store defaults.
 *
 * @param schedulingEnabled whether runs are scheduled; tests switch it off and call the jobs directly
 * @param runInterval pause between the end of one run and the start of the next
 * @param batchSize invites read per query
 * @param maxBatchesPerRun upper bound of batches per job and run, so one run cannot go on for ever
 * @param reminderLead how long before {@code expiresAt} the reminder is due
 * @param reminderWindow the hours of the day, in the store's time zone, when reminders may go out
 * @param remindersEnabled global switch; stores switch reminders off in their settings
 * @param expiredRetention how long an EXPIRED invite stays in the pending table (resendable) before it is purged
 * @param revokedRetention how long a REVOKED invite is kept before it is purged; ACCEPTED invites are the admin
 *     users' records and are never purged (the audit trail is kept apart, see invite-api)
 */
@Validated
@ConfigurationProperties("invites.expiry")
public record ExpiryProperties(
        @DefaultValue("true") boolean schedulingEnabled,
        @DefaultValue("30s") @NotNull Duration runInterval,
        @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("20") @Min(1) int maxBatchesPerRun,
        @DefaultValue("24h") @NotNull Duration reminderLead,
        @DefaultValue @Valid @NotNull ReminderWindow reminderWindow,
        @DefaultValue("true") boolean remindersEnabled,
        @DefaultValue("90d") @NotNull Duration expiredRetention,
        @DefaultValue("90d") @NotNull Duration revokedRetention) {

    public ExpiryProperties {
        requirePositive("run-interval", runInterval);
        requirePositive("reminder-lead", reminderLead);
        requirePositive("expired-retention", expiredRetention);
        requirePositive("revoked-retention", revokedRetention);
    }

    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException("invites.expiry." + name + " must be positive, was " + value);
        }
    }

    /**
     * Quiet hours, as the hours reminders may go out: from {@code start} (inclusive) to {@code end} (exclusive), local
     * time in the store's zone; {@code start} after {@code end} spans midnight.
     */
    public record ReminderWindow(
            @DefaultValue("09:00") @NotNull LocalTime start,
            @DefaultValue("20:00") @NotNull LocalTime end) {

        public ReminderWindow {
            if (start != null && start.equals(end)) {
                throw new IllegalArgumentException(
                        "invites.expiry.reminder-window: start and end must differ, were both " + start);
            }
        }

        public boolean allows(LocalTime time) {
            return start.isBefore(end)
                    ? !time.isBefore(start) && time.isBefore(end)
                    : !time.isBefore(start) || time.isBefore(end);
        }
    }
}
