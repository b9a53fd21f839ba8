package com.boxncase.invites.templates;

import java.util.Locale;

/**
 * A role as the invitee reads it: its code ({@code ADMIN}), display name ({@code Administrator}) and a one-line
 * description, in one language. Messages show the name, never the code.
 */
public record RoleText(String code, String name, String description) {

    public RoleText {
        code = code == null ? "" : code;
        name = name == null || name.isBlank() ? humanized(code) : name;
        description = description == null ? "" : description;
    }

    /** A role no configuration names: its code made readable ({@code STORE_OWNER} becomes "Store owner"). */
    public static RoleText unnamed(String code) {
        return new RoleText(code, null, null);
    }

    static String humanized(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String words = code.trim().replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
