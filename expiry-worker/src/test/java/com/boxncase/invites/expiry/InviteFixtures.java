package com.boxncase.invites.expiry;

import com.boxncase.invites.document.StoreStamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;

/** Invite documents as invite-api writes them (docs/invite-document.md), with the fields a test cares about. */
public final class InviteFixtures {

    private final Document document = new Document();

    private InviteFixtures(String status, Instant createdAt, Duration ttl) {
        String id = UUID.randomUUID().toString();
        String storeId = "store-" + UUID.randomUUID();
        String email = "invitee-" + id.substring(0, 8) + "@example.com";
        document.append("_id", id)
                .append("storeId", storeId)
                .append("email", email)
                .append("emailKey", email.toLowerCase())
                .append("phone", "+4915112345678")
                .append("role", "STAFF")
                .append("locale", "de")
                .append("message", "Welcome aboard")
                .append("channels", List.of("EMAIL"))
                .append("status", status)
                .append("openKey", storeId + "|" + email.toLowerCase())
                .append("createdAt", Date.from(createdAt))
                .append("expiresAt", Date.from(createdAt.plus(ttl)))
                .append("ttlDays", (int) ttl.toDays())
                .append("invitedBy", new Document("id", "admin-1").append("name", "Ada Admin"))
                .append(
                        "link",
                        new Document("id", "link-" + id)
                                .append("tokenHash", "hash-" + id)
                                .append("issuedAt", Date.from(createdAt)))
                .append("store", stamp("UTC", true).toDocument())
                .append("commandId", "cmd-" + id)
                .append("commandReason", "INVITE")
                .append("sendCount", 1)
                .append("version", 3L)
                .append("outbox", new ArrayList<>());
    }

    /** PENDING, created at {@code createdAt} with a seven-day expiry. */
    public static InviteFixtures pendingInvite(Instant createdAt) {
        return new InviteFixtures("PENDING", createdAt, Duration.ofDays(7));
    }

    private static StoreStamp stamp(String timeZone, boolean remindersEnabled) {
        return new StoreStamp(
                "BoxNCase store",
                "BoxNCase store",
                null,
                "http://localhost:8080/accept",
                "en",
                timeZone,
                remindersEnabled,
                null);
    }

    /** The store's settings stamped on the invite: its time zone and whether it wants reminders. */
    public InviteFixtures store(String timeZone, boolean remindersEnabled) {
        document.put("store", stamp(timeZone, remindersEnabled).toDocument());
        return this;
    }

    public InviteFixtures phone(String phone) {
        document.put("phone", phone);
        return this;
    }

    public InviteFixtures storeId(String storeId) {
        document.put("storeId", storeId);
        return this;
    }

    public InviteFixtures expiresAt(Instant expiresAt) {
        document.put("expiresAt", Date.from(expiresAt));
        return this;
    }

    public InviteFixtures reminderFor(Instant period) {
        document.put("reminderFor", Date.from(period));
        return this;
    }

    public InviteFixtures channels(String... channels) {
        document.put("channels", List.of(channels));
        return this;
    }

    public InviteFixtures ttlDays(int days) {
        document.put("ttlDays", days);
        return this;
    }

    public InviteFixtures accepted(Instant at) {
        return ended("ACCEPTED", at);
    }

    public InviteFixtures revoked(Instant at) {
        return ended("REVOKED", at);
    }

    public InviteFixtures expired() {
        document.put("status", "EXPIRED");
        document.put("expiredAt", document.get("expiresAt"));
        return this;
    }

    /**
     * A message the relay has not yet published. Dated far ahead of the test clock so that the relay's sweep
     * leaves it alone while the test looks.
     */
    public InviteFixtures unpublishedMessage() {
        document.put(
                "outbox",
                List.of(new Document("messageId", UUID.randomUUID().toString())
                        .append("topic", "invites.events")
                        .append("key", document.getString("_id"))
                        .append("type", "InviteEvent")
                        .append("payload", "{}")
                        .append("createdAt", Date.from(Instant.parse("2100-01-01T00:00:00Z")))));
        return this;
    }

    private InviteFixtures ended(String status, Instant at) {
        document.put("status", status);
        document.put("endedAt", Date.from(at));
        document.remove("openKey");
        return this;
    }

    public Document build() {
        return document;
    }
}
