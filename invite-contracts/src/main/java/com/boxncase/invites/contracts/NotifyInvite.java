package com.boxncase.invites.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Command: deliver an invitation (first send, resend or reminder) on the given channels.
 *
 * <p>The command carries ids only. The notifier reads the recipient, phone, role, locale, note and the store's
 * branding from the invite document (which it reads anyway to check revocation, rotation and expiry), so writing
 * to {@link Topics#NOTIFY} cannot make it send anything to anyone the invite does not name. The command never
 * carries the link token either: it names the link by {@code linkId}; the notifier derives the token with
 * {@link InviteLinks} and the shared key, and drops the command when {@code linkId} is no longer the invite's live
 * link (revoked, accepted or rotated by a resend).
 *
 * <p>Version 1 also carried the recipient and the store's branding; consumers read a version-1 command by its ids
 * and ignore the rest.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}; consumers dead-letter versions they do not know
 * @param commandId unique per command; consumers dedupe on it
 * @param channels the channels this command asks for; the notifier delivers those the invite still has
 * @param issuedAt when the command was written (the start of its delivery latency)
 */
public record NotifyInvite(
        int schemaVersion,
        String commandId,
        String inviteId,
        String storeId,
        NotifyReason reason,
        List<Channel> channels,
        String linkId,
        Instant issuedAt) {

    public static final int SCHEMA_VERSION = 2;

    /** The versions this code reads: 1 (with recipient fields, ignored) and 2. */
    public static boolean readable(int schemaVersion) {
        return schemaVersion == 1 || schemaVersion == SCHEMA_VERSION;
    }

    public NotifyInvite {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    public static NotifyInvite of(
            String commandId,
            String inviteId,
            String storeId,
            NotifyReason reason,
            List<Channel> channels,
            String linkId,
            Instant issuedAt) {
        return new NotifyInvite(SCHEMA_VERSION, commandId, inviteId, storeId, reason, channels, linkId, issuedAt);
    }

    /** Whether every id a consumer needs is present. */
    public boolean complete() {
        return commandId != null && inviteId != null && storeId != null && linkId != null && reason != null;
    }
}
