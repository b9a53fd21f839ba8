package com.boxncase.invites.api.security;

/**
 * The rules of Spring Security's {@code StrictHttpFirewall} for header names, header values and parameter names
 * (assigned code points, no control characters; a value may hold a tab), checked with a loop instead of the
 * firewall's regular expressions, which it runs on every header a request reads: with a bearer token of a few hundred
 * characters those were about a tenth of invite-api's CPU in the benchmark.
 */
final class PrintableCharacters {

    private PrintableCharacters() {}

    /** {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}: header and parameter names. */
    static boolean isName(String text) {
        return every(text, false);
    }

    /** {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}: header values. */
    static boolean isValue(String text) {
        return every(text, true);
    }

    private static boolean every(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (codePoint < 0x20 || codePoint >= 0x7f) { // printable ASCII needs no look-up
                int type = Character.getType(codePoint);
                boolean control = type == Character.CONTROL && !(tabAllowed && codePoint == '\t');
                if (type == Character.UNASSIGNED || control) {
                    return false;
                }
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
