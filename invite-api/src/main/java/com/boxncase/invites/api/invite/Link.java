package com.boxncase.invites.api.invite;

import com.boxncase.invites.contracts.InviteLinks;
import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * The invite's live link. Only the random {@code id} (stored as {@code link.id}; Spring Data would otherwise
 * write a nested {@code id} as {@code _id}, which the workers do not read) (the token is derived from it with a key the database
 * does not hold) and the token's SHA-256 (for look-up) are stored.
 */
record Link(@Field("id") String linkId, String tokenHash, Instant issuedAt) {

    static Link issue(InviteLinks links, String inviteId, Instant now) {
        String id = InviteLinks.newLinkId();
        return new Link(id, InviteLinks.hash(links.token(inviteId, id)), now);
    }
}
