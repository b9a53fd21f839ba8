package com.boxncase.invites.api.user;

import java.time.Instant;

/**
 * An admin user added by an accepted invite. Credentials live in the platform's identity provider; this is
 * the record of who joined which store, as what, through which invite.
 *
 * @param inviteId the accepted invite, which is where the record is kept
 */
public record AdminUser(String inviteId, String storeId, String email, String name, String role, Instant acceptedAt) {

    public static AdminUser of(
            String inviteId, String storeId, String email, String name, String role, Instant acceptedAt) {
        return new AdminUser(inviteId, storeId, email, name, role, acceptedAt);
    }
}
