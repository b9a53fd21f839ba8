package com.boxncase.invites.api.settings;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.document.StoreStamp;
import java.util.List;

/**
 * A store's effective invitation settings: what it saved, completed by the configured defaults. The invite
 * link is {@code acceptUrlBase + "?token=" + token}; {@code timeZone} (an IANA id) is the zone messages show
 * the expiry in; {@code signInUrl}, where the invitee continues after accepting (null: nowhere configured).
 */
public record StoreSettings(
        String storeName,
        List<Channel> channels,
        String senderName,
        String replyTo,
        String acceptUrlBase,
        String defaultLocale,
        int inviteTtlDays,
        boolean remindersEnabled,
        String timeZone,
        String signInUrl) {

    /** What an invite keeps of these settings for its current period, for the workers to read. */
    public StoreStamp stamp() {
        return new StoreStamp(
                storeName,
                senderName == null || senderName.isBlank() ? storeName : senderName,
                replyTo,
                acceptUrlBase,
                defaultLocale,
                timeZone,
                remindersEnabled,
                signInUrl);
    }
}
