package com.boxncase.invites.templates;

import com.boxncase.invites.contracts.NotifyReason;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What an invitation template may see. Templates get these values as plain strings and booleans only
 * (see {@link #variables(Locale)}); no Java object reaches the template.
 */
public record InviteModel(
        String storeName,
        String inviterName,
        String inviteeEmail,
        String role,
        String acceptUrl,
        Instant expiresAt,
        String personalNote,
        NotifyReason reason) {

    /** Sample data for validation and previews; the note holds markup so a preview shows it escaped. */
    public static InviteModel sample() {
        return new InviteModel(
                "Example Store",
                "Alex Admin",
                "invitee@example.com",
                "STAFF",
                "https://admin.example.com/invites/accept?token=sample-token",
                Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS),
                "Welcome aboard! <b>See you soon</b>",
                NotifyReason.INVITE);
    }

    /**
     * The template variables: {@code storeName, inviterName, inviteeEmail, role, acceptUrl, expiryDate}
     * (formatted for {@code locale}, UTC), {@code personalNote} (empty when none), {@code hasPersonalNote},
     * {@code reason} and {@code reminder}.
     */
    public Map<String, Object> variables(Locale locale) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("storeName", nonNull(storeName));
        vars.put("inviterName", nonNull(inviterName));
        vars.put("inviteeEmail", nonNull(inviteeEmail));
        vars.put("role", nonNull(role));
        vars.put("acceptUrl", nonNull(acceptUrl));
        vars.put("expiryDate", expiresAt == null ? "" : formatDate(expiresAt, locale));
        vars.put("personalNote", nonNull(personalNote));
        vars.put("hasPersonalNote", personalNote != null && !personalNote.isBlank());
        vars.put("reason", reason == null ? NotifyReason.INVITE.name() : reason.name());
        vars.put("reminder", reason == NotifyReason.REMINDER);
        return vars;
    }

    static String formatDate(Instant instant, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale)
                .withZone(ZoneOffset.UTC)
                .format(instant);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
