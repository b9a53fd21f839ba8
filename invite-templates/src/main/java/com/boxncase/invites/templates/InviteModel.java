package com.boxncase.invites.templates;

import com.boxncase.invites.contracts.NotifyReason;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What an invitation template may see: a plain value, built from plain fields (the notifier takes them from the
 * invite document, never from a command). Templates get these values as plain strings and booleans only
 * (see {@link #variables(Locale, Instant)}); no Java object reaches the template.
 *
 * @param inviterName the inviting admin's name, or null when the token had none (the messages then read
 *     "You're invited to ...")
 * @param inviteePhone the invitee's phone, or null
 * @param role the role as the invitee reads it, in the message's language ({@link RoleCatalog})
 * @param acceptUrl carries the secret token and must never be logged
 * @param timeZone the store's time zone, in which the expiry is shown (UTC when null)
 * @param kind which message: INVITE, RESEND (replaces an earlier one) or REMINDER
 * @param signInUrl where the invitee signs in after accepting, or null
 */
public record InviteModel(
        String storeName,
        String inviterName,
        String inviteeEmail,
        String inviteePhone,
        RoleText role,
        String acceptUrl,
        Instant expiresAt,
        ZoneId timeZone,
        String personalNote,
        NotifyReason kind,
        String signInUrl) {

    public InviteModel {
        role = role == null ? RoleText.unnamed("") : role;
        timeZone = timeZone == null || timeZone.equals(ZoneOffset.UTC) ? ZoneId.of("UTC") : timeZone;
        kind = kind == null ? NotifyReason.INVITE : kind;
    }

    /**
     * The model in the shape of earlier versions: the role as a code (shown made readable), the expiry in UTC.
     * Kept for callers that have not moved to {@link #builder()} (the benchmark).
     */
    public InviteModel(
            String storeName,
            String inviterName,
            String inviteeEmail,
            String role,
            String acceptUrl,
            Instant expiresAt,
            String personalNote,
            NotifyReason kind) {
        this(
                storeName,
                inviterName,
                inviteeEmail,
                null,
                RoleText.unnamed(role),
                acceptUrl,
                expiresAt,
                null,
                personalNote,
                kind,
                null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** This model with other values, e.g. a sample with its role in another language. */
    public Builder toBuilder() {
        return new Builder()
                .storeName(storeName)
                .inviterName(inviterName)
                .inviteeEmail(inviteeEmail)
                .inviteePhone(inviteePhone)
                .role(role)
                .acceptUrl(acceptUrl)
                .expiresAt(expiresAt)
                .timeZone(timeZone)
                .personalNote(personalNote)
                .kind(kind)
                .signInUrl(signInUrl);
    }

    /**
     * Sample data for validation and previews: a STAFF invite from an inviter with a note that holds markup (so a
     * preview shows it escaped), expiring in a week.
     */
    public static InviteModel sample() {
        return builder()
                .storeName("Example Store")
                .inviterName("Alex Admin")
                .inviteeEmail("invitee@example.com")
                .inviteePhone("+4915123456789")
                .role(RoleCatalog.shipped().describe("STAFF", Locale.ENGLISH))
                .acceptUrl("https://admin.example.com/invites/accept?token=sample-token")
                .expiresAt(Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES))
                .personalNote("Welcome aboard! <b>See you soon</b>")
                .kind(NotifyReason.INVITE)
                .build();
    }

    /**
     * The template variables, for a message in {@code locale} rendered at {@code now}:
     *
     * <ul>
     *   <li>{@code storeName}; {@code inviterName} (empty when none) and {@code hasInviterName};
     *       {@code inviteeEmail}; {@code inviteePhone} (empty when none) and {@code hasPhone}
     *   <li>{@code role} and {@code roleName}: the display name ("Administrator"); {@code roleCode} ("ADMIN");
     *       {@code roleDescription} (one line, may be empty)
     *   <li>{@code acceptUrl}; {@code signInUrl} (empty when none) and {@code hasSignInUrl}
     *   <li>the expiry in the store's time zone: {@code expiryDate} ("March 17, 2026"), {@code expiryTime}
     *       ("11:30 PM EDT"), {@code expiryDateTime} ("Tuesday, March 17, 2026, 11:30 PM EDT"), {@code expiresIn}
     *       ("in 3 days"), {@code timeZone} ("America/New_York")
     *   <li>{@code personalNote} (empty when none) and {@code hasPersonalNote}
     *   <li>{@code kind} and {@code reason} ({@code INVITE}, {@code RESEND}, {@code REMINDER}), {@code resend},
     *       {@code reminder}
     * </ul>
     */
    public Map<String, Object> variables(Locale locale, Instant now) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("storeName", nonNull(storeName));
        vars.put("inviterName", nonNull(inviterName).strip());
        vars.put("hasInviterName", hasText(inviterName));
        vars.put("inviteeEmail", nonNull(inviteeEmail));
        vars.put("inviteePhone", nonNull(inviteePhone));
        vars.put("hasPhone", hasText(inviteePhone));
        vars.put("role", role.name());
        vars.put("roleName", role.name());
        vars.put("roleCode", role.code());
        vars.put("roleDescription", role.description());
        vars.put("acceptUrl", nonNull(acceptUrl));
        vars.put("signInUrl", nonNull(signInUrl));
        vars.put("hasSignInUrl", hasText(signInUrl));
        ExpiryText expiry = expiresAt == null ? null : ExpiryText.of(expiresAt, timeZone, locale, now);
        vars.put("expiryDate", expiry == null ? "" : expiry.date());
        vars.put("expiryTime", expiry == null ? "" : expiry.time());
        vars.put("expiryDateTime", expiry == null ? "" : expiry.dateTime());
        vars.put("expiresIn", expiry == null ? "" : expiry.relative());
        vars.put("timeZone", timeZone.getId());
        vars.put("personalNote", nonNull(personalNote));
        vars.put("hasPersonalNote", hasText(personalNote));
        vars.put("kind", kind.name());
        vars.put("reason", kind.name());
        vars.put("resend", kind == NotifyReason.RESEND);
        vars.put("reminder", kind == NotifyReason.REMINDER);
        return vars;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    /** Builds an {@link InviteModel} field by field; unset fields are absent (null). */
    public static final class Builder {
        private String storeName;
        private String inviterName;
        private String inviteeEmail;
        private String inviteePhone;
        private RoleText role;
        private String acceptUrl;
        private Instant expiresAt;
        private ZoneId timeZone;
        private String personalNote;
        private NotifyReason kind;
        private String signInUrl;

        private Builder() {}

        public Builder storeName(String storeName) {
            this.storeName = storeName;
            return this;
        }

        public Builder inviterName(String inviterName) {
            this.inviterName = inviterName;
            return this;
        }

        public Builder inviteeEmail(String inviteeEmail) {
            this.inviteeEmail = inviteeEmail;
            return this;
        }

        public Builder inviteePhone(String inviteePhone) {
            this.inviteePhone = inviteePhone;
            return this;
        }

        public Builder role(RoleText role) {
            this.role = role;
            return this;
        }

        public Builder acceptUrl(String acceptUrl) {
            this.acceptUrl = acceptUrl;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder timeZone(ZoneId timeZone) {
            this.timeZone = timeZone;
            return this;
        }

        public Builder personalNote(String personalNote) {
            this.personalNote = personalNote;
            return this;
        }

        public Builder kind(NotifyReason kind) {
            this.kind = kind;
            return this;
        }

        public Builder signInUrl(String signInUrl) {
            this.signInUrl = signInUrl;
            return this;
        }

        public InviteModel build() {
            return new InviteModel(
                    storeName,
                    inviterName,
                    inviteeEmail,
                    inviteePhone,
                    role,
                    acceptUrl,
                    expiresAt,
                    timeZone,
                    personalNote,
                    kind,
                    signInUrl);
        }
    }
}
