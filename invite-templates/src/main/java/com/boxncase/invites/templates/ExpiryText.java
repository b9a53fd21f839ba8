package com.boxncase.invites.templates;

import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;

/**
 * How an invitation's expiry reads in a message: in the store's time zone and the message's language, with the
 * zone named, and relative to when the message is rendered.
 *
 * <p>The shipped languages use the patterns of {@code time_<language>.properties}, so the text is the same on every
 * JDK (the JDK's localized styles change with its CLDR version, e.g. a narrow no-break space before "PM", which
 * would also make an SMS cost twice as much). Other languages use the JDK's localized styles.
 *
 * @param date e.g. "March 17, 2026"
 * @param time e.g. "11:30 PM EDT"
 * @param dateTime e.g. "Tuesday, March 17, 2026, 11:30 PM EDT"
 * @param relative e.g. "in 3 days"
 */
record ExpiryText(String date, String time, String dateTime, String relative) {

    static ExpiryText of(Instant expiresAt, ZoneId zone, Locale locale, Instant now) {
        Map<String, String> texts = Texts.of("time", locale.getLanguage());
        Map<String, String> phrases = texts.isEmpty() ? Texts.of("time", Locales.FALLBACK) : texts;
        DateTimeFormatter date;
        DateTimeFormatter weekdayDate;
        DateTimeFormatter time;
        if (texts.isEmpty()) {
            date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG);
            weekdayDate = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL);
            time = new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT))
                    .appendLiteral(' ')
                    .appendPattern("zzz")
                    .toFormatter();
        } else {
            date = DateTimeFormatter.ofPattern(texts.get("date"));
            weekdayDate = DateTimeFormatter.ofPattern(texts.get("weekdayDate"));
            time = DateTimeFormatter.ofPattern(texts.get("time"));
        }
        String dateText = format(date, expiresAt, zone, locale);
        String timeText = format(time, expiresAt, zone, locale);
        return new ExpiryText(
                dateText,
                timeText,
                format(weekdayDate, expiresAt, zone, locale) + ", " + timeText,
                relative(Duration.between(now, expiresAt), phrases, locale));
    }

    private static String format(DateTimeFormatter formatter, Instant instant, ZoneId zone, Locale locale) {
        // plain spaces: some locales' styles use no-break spaces, which would make an SMS UCS-2
        return formatter
                .withLocale(locale)
                .withZone(zone)
                .format(instant)
                .replace('\u202f', ' ')
                .replace('\u00a0', ' ');
    }

    /** Whole days from a day on (rounded), whole hours below, "less than an hour" below that. */
    private static String relative(Duration left, Map<String, String> phrases, Locale locale) {
        long minutes = Math.max(0, left.toMinutes());
        long hours = Math.round(minutes / 60.0);
        if (minutes >= 24 * 60 || hours >= 24) {
            long days = Math.max(1, Math.round(minutes / (24 * 60.0)));
            return new MessageFormat(phrases.get("inDays"), locale).format(new Object[] {days});
        }
        if (hours >= 1) {
            return new MessageFormat(phrases.get("inHours"), locale).format(new Object[] {hours});
        }
        return phrases.get("inLessThanAnHour");
    }
}
