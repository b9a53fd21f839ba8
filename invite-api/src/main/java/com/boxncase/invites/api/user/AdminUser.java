package com.boxncase.invites.api.user;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An admin user added by an accepted invite. Credentials live in the platform's identity provider; this is
 * the record of who joined which store, as what, through which invite.
 *
 * @param inviteId also the document id, so recording the same acceptance twice is harmless
 */
@Document("admin_users")
public record AdminUser(
        @Id String inviteId, String storeId, String email, String name, String role, Instant acceptedAt) {

    public static AdminUser of(
            String inviteId, String storeId, String email, String name, String role, Instant acceptedAt) {
        return new AdminUser(inviteId, storeId, email, name, role, acceptedAt);
    }
}
