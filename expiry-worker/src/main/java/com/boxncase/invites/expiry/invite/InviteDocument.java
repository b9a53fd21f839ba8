package com.boxncase.invites.expiry.invite;

import com.boxncase.invites.outbox.OutboxMessage;
import java.util.Date;
import org.bson.Document;

/**
 * The invite document as this worker sees it (collection {@code invites}, see docs/invite-document.md): the
 * names of the fields it reads and writes, and the shape of an {@code outbox} entry the relay publishes.
 */
public final class InviteDocument {

    public static final String COLLECTION = "invites";

    public static final String PENDING = "PENDING";
    public static final String EXPIRED = "EXPIRED";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String REVOKED = "REVOKED";

    private InviteDocument() {}

    /** An {@code outbox} array entry, in the field names {@code OutboxRelay} reads back. */
    public static Document outboxEntry(OutboxMessage message) {
        return new Document("messageId", message.messageId())
                .append("topic", message.topic())
                .append("key", message.key())
                .append("type", message.type())
                .append("payload", message.payload())
                .append("createdAt", Date.from(message.createdAt()))
                .append("headers", message.headers());
    }
}
