package com.boxncase.invites.expiry.invite;

/**
 * The invite document as this worker sees it (collection {@code invites}, see docs/invite-document.md): the
 * names of the fields it reads and writes. Outbox entries are written with {@code OutboxMessage.toDocument()}.
 */
public final class InviteDocument {

    public static final String COLLECTION = "invites";

    public static final String PENDING = "PENDING";
    public static final String EXPIRED = "EXPIRED";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String REVOKED = "REVOKED";

    private InviteDocument() {}
}
