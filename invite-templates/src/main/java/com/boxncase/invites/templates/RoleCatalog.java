package com.boxncase.invites.templates;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The display names and one-line descriptions of roles per language: the one place that defines them, used by
 * notifier-worker for messages and by invite-api for the accept page and template previews. The shipped texts
 * ({@code roles_<language>.properties} beside the templates) can be overridden and extended per deployment
 * ({@code invites.templates.roles.<CODE>.<locale>.name} and {@code .description}, see
 * {@link TemplateProperties}), also for languages that ship none.
 */
public final class RoleCatalog {

    /** A name and description as configured. */
    public record Label(String name, String description) {}

    private static final RoleCatalog SHIPPED = new RoleCatalog(Map.of());

    /** code -> language tag -> label, codes upper-case, tags normalized. */
    private final Map<String, Map<String, Label>> overrides;

    public RoleCatalog(Map<String, Map<String, Label>> overrides) {
        Map<String, Map<String, Label>> normalized = new HashMap<>();
        if (overrides != null) {
            overrides.forEach((code, byLocale) -> {
                Map<String, Label> labels = normalized.computeIfAbsent(code(code), c -> new HashMap<>());
                byLocale.forEach((tag, label) -> {
                    Locale locale = Locales.parse(tag);
                    if (locale != null && label != null) {
                        labels.put(locale.toLanguageTag(), label);
                    }
                });
            });
        }
        this.overrides = Map.copyOf(normalized);
    }

    /** The shipped names only. */
    public static RoleCatalog shipped() {
        return SHIPPED;
    }

    /**
     * The role in the first of {@code localeTags} (most specific first, as {@link Locales#candidates}) that names
     * it, else its code made readable.
     */
    public RoleText describe(String code, List<String> localeTags) {
        for (String tag : localeTags) {
            Label label = find(code, tag);
            if (label != null) {
                return new RoleText(code, label.name(), label.description());
            }
        }
        return RoleText.unnamed(code);
    }

    /** The role in one locale, falling back to its language and then to English. */
    public RoleText describe(String code, Locale locale) {
        return describe(code, Locales.candidates(locale == null ? null : locale.toLanguageTag(), null));
    }

    /**
     * Each of {@code codes} that has no display name in English ({@link Locales#FALLBACK}, what every message falls
     * back to), as {@code invites.templates.roles.<CODE>.en.name}: for a start-up check of the configured roles.
     */
    public List<String> unnamed(Collection<String> codes) {
        List<String> missing = new ArrayList<>();
        for (String code : codes) {
            if (find(code, Locales.FALLBACK) == null) {
                missing.add("invites.templates.roles." + code + "." + Locales.FALLBACK + ".name");
            }
        }
        return missing;
    }

    /** The configured label over the shipped one (either part may be configured alone); null when neither names it. */
    private Label find(String code, String tag) {
        Locale locale = Locales.parse(tag);
        if (code == null || locale == null) {
            return null;
        }
        Label configured = overrides.getOrDefault(code(code), Map.of()).get(locale.toLanguageTag());
        Label shipped = null;
        if (locale.getCountry().isEmpty()) { // shipped texts are per language; a region falls back to it next
            Map<String, String> texts = Texts.of("roles", locale.getLanguage());
            String name = texts.get(code(code) + ".name");
            shipped = name == null ? null : new Label(name, texts.get(code(code) + ".description"));
        }
        String name = firstText(configured == null ? null : configured.name(), shipped == null ? null : shipped.name());
        if (name == null) {
            return null;
        }
        return new Label(
                name,
                firstText(
                        configured == null ? null : configured.description(),
                        shipped == null ? null : shipped.description()));
    }

    private static String firstText(String preferred, String fallback) {
        return preferred != null && !preferred.isBlank() ? preferred : fallback;
    }

    private static String code(String code) {
        return code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
    }
}
