package com.boxncase.invites.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Command: deliver an invitation (first send, resend or reminder) on the given channels.
 *
 * <p>The command never carries the link token. It names the link by {@code linkId}; the notifier derives
 * the token with {@link InviteLinks} and the shared key, and drops the command when {@code linkId} is no
 * longer the invite's live link (revoked, accepted or rotated by a resend).
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}; consumers dead-letter versions they do not know
 * @param commandId unique per command; consumers dedupe on it
 */
public record NotifyInvite(
        int schemaVersion,
        String commandId,
        String inviteId,
        String storeId,
        NotifyReason reason,
        List<Channel> channels,
        String email,
        String phone,
        String role,
        String locale,
        String storeDefaultLocale,
        Actor invitedBy,
        StoreBranding store,
        String linkId,
        Instant expiresAt,
        String personalNote,
        Instant issuedAt) {

    public static final int SCHEMA_VERSION = 1;

    public NotifyInvite {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /**
     * What the store shows of itself in an invitation.
     *
     * @param timeZone the store's IANA time zone, in which messages show the expiry; null (commands issued before
     *     stores had one) means UTC
     */
    public record StoreBranding(
            String storeName, String senderName, String replyTo, String acceptUrlBase, String timeZone) {

        /** Branding without a time zone (UTC), as before stores had one. */
        public StoreBranding(String storeName, String senderName, String replyTo, String acceptUrlBase) {
            this(storeName, senderName, replyTo, acceptUrlBase, null);
        }
    }
}
