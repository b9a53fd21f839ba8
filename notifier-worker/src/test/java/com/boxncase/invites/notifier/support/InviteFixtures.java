package com.boxncase.invites.notifier.support;

import com.boxncase.invites.contracts.Actor;
import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.InviteLinks;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.NotifyReason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;

/** Commands and invite documents for tests; every fixture gets fresh ids. */
public final class InviteFixtures {

    public static final String ACCEPT_URL_BASE = "https://admin.boxncase.test/invites/accept";

    private InviteFixtures() {}

    public static CommandBuilder notifyCommand() {
        return new CommandBuilder();
    }

    /** The invite document as invite-api stores it, reduced to what the notifier reads. */
    public static Document pendingInviteFor(NotifyInvite command) {
        return new Document("_id", command.inviteId())
                .append("storeId", command.storeId())
                .append("email", command.email())
                .append("status", "PENDING")
                .append("link", new Document("id", command.linkId()).append("tokenHash", "h"))
                .append("commandId", command.commandId())
                .append("version", 1L);
    }

    public static final class CommandBuilder {
        private int schemaVersion = NotifyInvite.SCHEMA_VERSION;
        private String commandId = UUID.randomUUID().toString();
        private String inviteId = UUID.randomUUID().toString();
        private String storeId = "store-" + UUID.randomUUID();
        private NotifyReason reason = NotifyReason.INVITE;
        private String email = "invitee-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        private String locale = "en";
        private String storeDefaultLocale = "en";
        private String note;
        private String linkId = InviteLinks.newLinkId();
        private List<Channel> channels = List.of(Channel.EMAIL);
        private String phone;
        private String role = "ADMIN";
        private String timeZone;
        private Instant expiresAt = Instant.parse("2031-03-05T10:00:00Z");

        public CommandBuilder channels(Channel... channels) {
            this.channels = List.of(channels);
            return this;
        }

        public CommandBuilder phone(String phone) {
            this.phone = phone;
            return this;
        }

        public CommandBuilder email(String email) {
            this.email = email;
            return this;
        }

        public CommandBuilder locale(String locale) {
            this.locale = locale;
            return this;
        }

        public CommandBuilder personalNote(String note) {
            this.note = note;
            return this;
        }

        public CommandBuilder role(String role) {
            this.role = role;
            return this;
        }

        public CommandBuilder storeId(String storeId) {
            this.storeId = storeId;
            return this;
        }

        /** The store's time zone, as invite-api's settings give it; unset means UTC. */
        public CommandBuilder timeZone(String timeZone) {
            this.timeZone = timeZone;
            return this;
        }

        public CommandBuilder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public CommandBuilder schemaVersion(int schemaVersion) {
            this.schemaVersion = schemaVersion;
            return this;
        }

        public CommandBuilder reason(NotifyReason reason) {
            this.reason = reason;
            return this;
        }

        public NotifyInvite build() {
            return new NotifyInvite(
                    schemaVersion,
                    commandId,
                    inviteId,
                    storeId,
                    reason,
                    channels,
                    email,
                    phone,
                    role,
                    locale,
                    storeDefaultLocale,
                    new Actor("admin-1", "Ann Owner"),
                    new NotifyInvite.StoreBranding(
                            "Corner Shop", "Corner Shop Team", "owner@corner.test", ACCEPT_URL_BASE, timeZone),
                    linkId,
                    expiresAt,
                    note,
                    Instant.now());
        }
    }
}
