package com.boxncase.invites.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The order in which template locales are tried: the invitee's, the store's default, then English. */
public final class Locales {

    public static final String FALLBACK = "en";

    private Locales() {}

    /**
     * Normalized language tags to try, most specific first, without duplicates: e.g. {@code de-AT},
     * {@code de}, {@code fr}, {@code en} for invitee {@code de_AT} and store default {@code fr}.
     */
    public static List<String> candidates(String inviteeLocale, String storeDefaultLocale) {
        List<String> tags = new ArrayList<>();
        for (String raw : new String[] {inviteeLocale, storeDefaultLocale, FALLBACK}) {
            Locale locale = parse(raw);
            if (locale == null) {
                continue;
            }
            addOnce(tags, locale.toLanguageTag());
            addOnce(tags, locale.getLanguage());
        }
        return tags;
    }

    /** The locale for a tag, or null when the tag is blank or not a language. */
    public static Locale parse(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        Locale locale = Locale.forLanguageTag(tag.trim().replace('_', '-'));
        return locale.getLanguage().isEmpty() ? null : locale;
    }

    private static void addOnce(List<String> tags, String tag) {
        if (!tag.isEmpty() && !tags.contains(tag)) {
            tags.add(tag);
        }
    }
}
