package com.boxncase.invites.notifier.support;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.InviteLinks;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.document.DeliveryRecord;
import com.boxncase.invites.document.InviteChannels;
import com.boxncase.invites.document.InviteDocument;
import com.boxncase.invites.document.InviteStatus;
import com.boxncase.invites.document.StoreStamp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Invite documents exactly as invite-api writes them (every field named through {@link InviteDocument}, the store's
 * settings as a {@link StoreStamp}, queued {@link DeliveryRecord}s), and the commands that go with them. Every
 * fixture gets fresh ids.
 */
public final class InviteFixtures {

    public static final String LINK_SECRET = "local-dev-link-secret-change-me-0123456789";
    public static final String ACCEPT_URL_BASE = "https://admin.boxncase.test/invites/accept";
    public static final InviteLinks LINKS = new InviteLinks(LINK_SECRET.getBytes(StandardCharsets.UTF_8));

    private InviteFixtures() {}

    public static InviteBuilder pendingInvite() {
        return new InviteBuilder();
    }

    public static StoreStamp cornerShop() {
        return cornerShopIn("UTC");
    }

    /** The same store, showing its invitees' times in {@code timeZone}. */
    public static StoreStamp cornerShopIn(String timeZone) {
        return new StoreStamp(
                "Corner Shop",
                "Corner Shop Team",
                "owner@corner.test",
                ACCEPT_URL_BASE,
                "en",
                timeZone,
                true,
                "https://admin.boxncase.test/signin");
    }

    /** An invite as stored, and its current command. */
    public record Invite(Document document, NotifyInvite command) {

        public String id() {
            return command.inviteId();
        }

        public String email() {
            return document.getString(InviteDocument.EMAIL);
        }

        public String phone() {
            return document.getString(InviteDocument.PHONE);
        }

        public String acceptUrl() {
            return LINKS.url(ACCEPT_URL_BASE, command.inviteId(), command.linkId());
        }

        /** A command of another kind (a reminder, say) for the same invite and link. */
        public NotifyInvite command(NotifyReason reason) {
            return NotifyInvite.of(
                    UUID.randomUUID().toString(),
                    command.inviteId(),
                    command.storeId(),
                    reason,
                    command.channels(),
                    command.linkId(),
                    Instant.now());
        }

        /**
         * A version-1 command with the invite's ids and, as version 1 carried them, a recipient, phone, role and
         * branding of its own ({@code recipient}, {@code forgedAcceptUrlBase}): what a forger on the topic would send.
         * The link id is the invite's: a forger who read it from the topic could not use it without the key, but could
         * try to have the live link mailed elsewhere.
         */
        public String forgedVersion1Json(String commandId, String recipient, String forgedAcceptUrlBase) {
            return """
                    {"schemaVersion":1,"commandId":"%s","inviteId":"%s","storeId":"%s","reason":"INVITE",\
                    "channels":["EMAIL"],"email":"%s","phone":"+15005550006","role":"OWNER","locale":"en",\
                    "storeDefaultLocale":"en","invitedBy":{"id":"x","name":"Mallory"},\
                    "store":{"storeName":"Evil","senderName":"Evil","replyTo":"mallory@evil.test",\
                    "acceptUrlBase":"%s"},"linkId":"%s","expiresAt":"2031-03-05T10:00:00Z",\
                    "personalNote":"click me","issuedAt":"%s"}""".formatted(
                            commandId,
                            command.inviteId(),
                            command.storeId(),
                            recipient,
                            forgedAcceptUrlBase,
                            command.linkId(),
                            Instant.now());
        }
    }

    public static final class InviteBuilder {
        private final String id = UUID.randomUUID().toString();
        private String storeId = "store-" + UUID.randomUUID();
        private String email = "invitee-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        private String phone;
        private String role = "MANAGER";
        private String locale = "en";
        private String note;
        private List<Channel> storeChannels = List.of(Channel.EMAIL);
        private InviteStatus status = InviteStatus.PENDING;
        private Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        private Instant expiresAt = Instant.parse("2031-03-05T10:00:00Z");
        private StoreStamp store = cornerShop();
        private boolean stamped = true;
        private NotifyReason reason = NotifyReason.INVITE;
        private String inviterName = "Ann Owner";

        public InviteBuilder store(String storeId) {
            this.storeId = storeId;
            return this;
        }

        public InviteBuilder email(String email) {
            this.email = email;
            return this;
        }

        public InviteBuilder phone(String phone) {
            this.phone = phone;
            return this;
        }

        public InviteBuilder locale(String locale) {
            this.locale = locale;
            return this;
        }

        public InviteBuilder role(String role) {
            this.role = role;
            return this;
        }

        public InviteBuilder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public InviteBuilder note(String note) {
            this.note = note;
            return this;
        }

        /** The store's channels; as invite-api does, SMS is left out when the invite has no phone. */
        public InviteBuilder channels(Channel... channels) {
            this.storeChannels = List.of(channels);
            return this;
        }

        public InviteBuilder status(InviteStatus status) {
            this.status = status;
            return this;
        }

        public InviteBuilder expiredAgo(Duration ago) {
            this.createdAt = Instant.now().minus(ago).minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.MILLIS);
            this.expiresAt = Instant.now().minus(ago).truncatedTo(ChronoUnit.MILLIS);
            return this;
        }

        public InviteBuilder stamp(StoreStamp store) {
            this.store = store;
            return this;
        }

        /** As invites were written before the store's settings were stamped on them. */
        public InviteBuilder unstamped() {
            this.stamped = false;
            return this;
        }

        public InviteBuilder reason(NotifyReason reason) {
            this.reason = reason;
            return this;
        }

        public Invite build() {
            String commandId = UUID.randomUUID().toString();
            String linkId = InviteLinks.newLinkId();
            List<Channel> channels = InviteChannels.of(storeChannels, phone);
            String emailKey = email.toLowerCase(Locale.ROOT);
            Document invite = new Document(InviteDocument.ID, id)
                    .append(InviteDocument.STORE_ID, storeId)
                    .append(InviteDocument.EMAIL, email)
                    .append(InviteDocument.EMAIL_KEY, emailKey)
                    .append(InviteDocument.PHONE, phone)
                    .append(InviteDocument.ROLE, role)
                    .append(InviteDocument.LOCALE, locale)
                    .append(InviteDocument.MESSAGE, note)
                    .append(InviteDocument.CHANNELS, names(channels))
                    .append(InviteDocument.STATUS, status.name())
                    .append(InviteDocument.CREATED_AT, Date.from(createdAt))
                    .append(InviteDocument.EXPIRES_AT, Date.from(expiresAt))
                    .append(InviteDocument.TTL_DAYS, 7)
                    .append(InviteDocument.INVITED_BY, new Document("id", "admin-1").append("name", inviterName))
                    .append(
                            InviteDocument.LINK,
                            new Document("id", linkId)
                                    .append("tokenHash", InviteLinks.hash(LINKS.token(id, linkId)))
                                    .append("issuedAt", Date.from(createdAt)))
                    .append(InviteDocument.COMMAND_ID, commandId)
                    .append(InviteDocument.COMMAND_REASON, reason.name())
                    .append(InviteDocument.DELIVERIES, DeliveryRecord.queuedDocument(channels, commandId, createdAt))
                    .append(InviteDocument.SEND_COUNT, 0)
                    .append(InviteDocument.RESEND_TIMES, List.of())
                    .append(InviteDocument.VERSION, 1L)
                    .append(InviteDocument.OUTBOX, List.of());
            if (status.isOpen()) {
                invite.append(InviteDocument.OPEN_KEY, InviteDocument.openKey(storeId, emailKey));
            }
            if (stamped) {
                invite.append(InviteDocument.STORE, store.toDocument());
            }
            NotifyInvite command = NotifyInvite.of(commandId, id, storeId, reason, channels, linkId, Instant.now());
            return new Invite(invite, command);
        }

        /** Builds the invite and stores it as invite-api would. */
        public Invite insertInto(MongoTemplate mongo) {
            Invite invite = build();
            mongo.getCollection(InviteDocument.COLLECTION).insertOne(invite.document());
            return invite;
        }

        private static List<String> names(List<Channel> channels) {
            List<String> names = new ArrayList<>();
            channels.forEach(channel -> names.add(channel.name()));
            return names;
        }
    }
}
