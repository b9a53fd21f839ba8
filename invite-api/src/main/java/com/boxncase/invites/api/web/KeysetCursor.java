package com.boxncase.invites.api.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a newest-first page ended: an opaque, URL-safe encoding of the last item's time and id. The next page
 * continues strictly after it (keyset paging, no skip), so rows added meanwhile neither repeat nor vanish.
 */
public record KeysetCursor(Instant at, String id) {

    public String encode() {
        String raw = at.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a previous page returned, or null for the first page; 400 naming the parameter otherwise. */
    public static KeysetCursor decode(String parameter, String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            return new KeysetCursor(
                    Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))), raw.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new InvalidField(parameter, "is not a cursor returned by this API");
        }
    }
}
