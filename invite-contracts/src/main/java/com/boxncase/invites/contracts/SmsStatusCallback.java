package com.boxncase.invites.contracts;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which SMS a Twilio status callback is about: the notifier puts the invite, the command and the attempt in
 * each message's {@code StatusCallback} URL, and Twilio signs the whole URL ({@code X-Twilio-Signature}), so
 * invite-api can trust these ids and apply the callback to its invite directly.
 */
public record SmsStatusCallback(String inviteId, String storeId, String commandId, int attempt) {

    static final String INVITE = "invite";
    static final String STORE = "store";
    static final String COMMAND = "command";
    static final String ATTEMPT = "attempt";

    /** {@code base} with this SMS's ids as query parameters. */
    public String appendTo(String base) {
        String separator = base.contains("?") ? "&" : "?";
        return base + separator + INVITE + "=" + encode(inviteId) + "&" + STORE + "=" + encode(storeId) + "&" + COMMAND
                + "=" + encode(commandId) + "&" + ATTEMPT + "=" + attempt;
    }

    /** The ids in a callback's query string, or null when any is missing or malformed. */
    public static SmsStatusCallback fromQuery(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        String invite = params.get(INVITE);
        String store = params.get(STORE);
        String command = params.get(COMMAND);
        String attempt = params.get(ATTEMPT);
        if (isBlank(invite) || isBlank(store) || isBlank(command) || attempt == null || !attempt.matches("\\d{1,6}")) {
            return null;
        }
        return new SmsStatusCallback(invite, store, command, Integer.parseInt(attempt));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
