package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.web.InvalidField;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Where the previous page ended: an opaque, URL-safe encoding of the last item's (createdAt, id). */
record PageCursor(Instant createdAt, String id) {

    String encode() {
        String raw = createdAt.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static PageCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            return new PageCursor(
                    Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))), raw.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new InvalidField("cursor", "is not a cursor returned by this API");
        }
    }
}
