package com.boxncase.invites.api.support;

import java.util.UUID;

/** Request bodies and ids for invite tests. */
public final class InviteFixtures {

    private InviteFixtures() {}

    /** A store no other test uses, so tests need no clean-up and can share one context. */
    public static String newStore() {
        return "store-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String uniqueEmail() {
        return "new.admin+" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public static String inviteBody(String email) {
        return """
                {"email": "%s", "role": "ADMIN", "locale": "en", "message": "Welcome <b>aboard</b>", "expiresInDays": 7}
                """.formatted(email);
    }
}
