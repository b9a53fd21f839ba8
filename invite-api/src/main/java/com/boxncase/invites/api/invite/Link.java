package com.boxncase.invites.api.invite;

import com.boxncase.invites.contracts.InviteLinks;
import java.time.Instant;

/**
 * The invite's live link. Only the random {@code id} (the token is derived from it with a key the database
 * does not hold) and the token's SHA-256 (for look-up) are stored.
 */
record Link(String id, String tokenHash, Instant issuedAt) {

    static Link issue(InviteLinks links, String inviteId, Instant now) {
        String id = InviteLinks.newLinkId();
        return new Link(id, InviteLinks.hash(links.token(inviteId, id)), now);
    }
}
