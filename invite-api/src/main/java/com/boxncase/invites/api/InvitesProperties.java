package com.boxncase.invites.api;

import com.boxncase.invites.api.settings.SignInUrls;
import com.boxncase.invites.api.settings.TimeZones;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * invite-api settings ({@code invites.*}). Validated at start-up, so a wrong setting stops the service with
 * a message naming it instead of failing on the first request.
 *
 * @param roles the roles an invite may grant
 * @param links link-token settings; the secret is shared with notifier-worker
 * @param resend per-invite resend rate limit
 * @param idempotencyRetention how long an {@code Idempotency-Key} is remembered
 * @param storeDefaults settings of a store that has not saved its own
 * @param storeSettingsCacheTtl how long an instance reuses a store's settings it read; a change saved
 *     through another instance shows there after at most this long
 */
@Validated
@ConfigurationProperties("invites")
public record InvitesProperties(
        @DefaultValue({"ADMIN", "STAFF"}) @NotEmpty List<@NotBlank String> roles,
        @Valid @NotNull Links links,
        @Valid @NotNull @DefaultValue Resend resend,
        @DefaultValue("24h") @NotNull Duration idempotencyRetention,
        @Valid @NotNull StoreDefaults storeDefaults,
        @DefaultValue("10s") @NotNull Duration storeSettingsCacheTtl) {

    /**
     * @param secret HMAC key the link tokens are derived from: at least 32 bytes, shared with notifier-worker
     * @param replacedRetention how long a link replaced by a resend still answers "replaced" rather than "unknown"
     */
    public record Links(
            @NotBlank @Size(min = 32) String secret,

            @NotNull @DurationMin(days = 1) @DefaultValue("30d")
            Duration replacedRetention) {}

    public record Resend(
            @DefaultValue("5") @Min(1) int maxPerWindow,
            @DefaultValue("1h") @NotNull Duration window) {}

    public record StoreDefaults(
            @NotBlank String storeName,
            @NotEmpty List<String> channels,
            String senderName,
            String replyTo,
            @NotBlank String acceptUrlBase,
            @NotBlank String defaultLocale,
            @DefaultValue("7") @Min(1) @Max(30) int inviteTtlDays,
            @DefaultValue("true") boolean remindersEnabled,
            @DefaultValue("UTC") @NotBlank String timeZone,
            String signInUrl) {

        @AssertTrue(message = TimeZones.RULE)
        boolean isTimeZoneKnown() {
            return timeZone == null || TimeZones.isKnown(timeZone);
        }

        /** Unset or blank: no sign-in link on the accept page unless a store sets its own. */
        @AssertTrue(message = SignInUrls.RULE)
        boolean isSignInUrlValid() {
            return signInUrl == null || signInUrl.isBlank() || SignInUrls.isValid(signInUrl);
        }
    }
}
