package com.boxncase.invites.api.invite;

import java.time.Instant;

/**
 * What became of one invite of a batched insert ({@link Invites#insertAll}).
 *
 * @param invite the invite as written ({@link Kind#INSERTED}), as stored earlier ({@link Kind#CREATED_BEFORE}), or
 *     as it was offered (otherwise)
 * @param existingInviteId for {@link Kind#OPEN_INVITE_EXISTS}: the open invite for the same store and email
 * @param existingInviteCreatedAt for {@link Kind#OPEN_INVITE_EXISTS}: when that invite was created
 * @param error for {@link Kind#NOT_STORED}: MongoDB's reason
 */
record InsertOutcome(Invite invite, Kind kind, String existingInviteId, Instant existingInviteCreatedAt, String error) {

    enum Kind {
        /** Written now; its outbox went to the relay. */
        INSERTED,
        /**
         * An invite with this id exists already: the same row was created before (a replayed request, a resumed
         * import). Nothing was written; its outbox went out when it was first written.
         */
        CREATED_BEFORE,
        /** The store already has an open invite for this email (one open invite per store and email). */
        OPEN_INVITE_EXISTS,
        /** MongoDB refused the document for another reason; nothing was written. */
        NOT_STORED
    }

    static InsertOutcome inserted(Invite invite) {
        return new InsertOutcome(invite, Kind.INSERTED, null, null, null);
    }

    static InsertOutcome createdBefore(Invite stored) {
        return new InsertOutcome(stored, Kind.CREATED_BEFORE, null, null, null);
    }

    static InsertOutcome openInviteExists(Invite offered, String existingInviteId, Instant existingInviteCreatedAt) {
        return new InsertOutcome(offered, Kind.OPEN_INVITE_EXISTS, existingInviteId, existingInviteCreatedAt, null);
    }

    static InsertOutcome notStored(Invite offered, String error) {
        return new InsertOutcome(offered, Kind.NOT_STORED, null, null, error);
    }
}
