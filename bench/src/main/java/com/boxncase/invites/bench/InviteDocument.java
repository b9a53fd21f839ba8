package com.boxncase.invites.bench;

import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.bson.Document;

/**
 * An invite-shaped MongoDB document (the fields, nesting and size of invite-api's, outbox entry included),
 * for the MongoDB ceilings and the synchronous baseline. The bench writes it to its own collections; it
 * never reads or writes the pipeline's.
 */
final class InviteDocument {

    private InviteDocument() {}

    static Document of(String id, String storeId, String email) {
        Date now = new Date();
        String emailKey = email.toLowerCase(Locale.ROOT);
        return new Document("_id", id)
                .append("storeId", storeId)
                .append("email", email)
                .append("emailKey", emailKey)
                .append("role", "ADMIN")
                .append("locale", "en")
                .append("channels", List.of("EMAIL"))
                .append("status", "PENDING")
                .append("openKey", storeId + "|" + emailKey)
                .append("createdAt", now)
                .append("expiresAt", new Date(now.getTime() + 7L * 24 * 3600 * 1000))
                .append("ttlDays", 7)
                .append("invitedBy", new Document("id", "bench").append("name", "Bench Admin"))
                .append(
                        "link",
                        new Document("id", UUID.randomUUID().toString())
                                .append("tokenHash", UUID.randomUUID().toString() + UUID.randomUUID())
                                .append("issuedAt", now))
                .append("commandId", UUID.randomUUID().toString())
                .append("sendCount", 0)
                .append(
                        "deliveries",
                        new Document(
                                "EMAIL",
                                new Document("state", "QUEUED")
                                        .append("channel", "EMAIL")
                                        .append("attempts", 0)
                                        .append("progress", 0)
                                        .append("updatedAt", now)))
                .append(
                        "outbox",
                        List.of(new Document("messageId", UUID.randomUUID().toString())
                                .append("topic", "invites.notify")
                                .append("key", id)
                                .append("type", "NotifyInvite")
                                .append("createdAt", now)
                                .append("payload", KafkaPayload.notifyInvite(id, storeId, email))))
                .append("version", 0L);
    }

    /** A NotifyInvite-sized JSON record (the bench does not depend on the message classes' shape). */
    static final class KafkaPayload {

        private KafkaPayload() {}

        static String notifyInvite(String inviteId, String storeId, String email) {
            return "{\"schemaVersion\":1,\"commandId\":\"" + UUID.randomUUID() + "\",\"inviteId\":\"" + inviteId
                    + "\",\"storeId\":\"" + storeId + "\",\"reason\":\"INVITE\",\"channels\":[\"EMAIL\"],\"email\":\""
                    + email + "\",\"phone\":null,\"role\":\"ADMIN\",\"locale\":\"en\",\"storeLocale\":\"en\","
                    + "\"invitedBy\":{\"id\":\"bench\",\"name\":\"Bench Admin\"},\"branding\":{\"storeName\":"
                    + "\"BoxNCase store\",\"senderName\":null,\"replyTo\":null,\"acceptUrlBase\":"
                    + "\"http://localhost:8080/accept\"},\"linkId\":\"" + UUID.randomUUID()
                    + "\",\"expiresAt\":\"2026-12-07T10:00:00Z\",\"message\":null,\"issuedAt\":"
                    + "\"2026-11-30T10:00:00Z\"}";
        }
    }
}
