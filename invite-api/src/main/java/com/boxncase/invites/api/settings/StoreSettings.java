package com.boxncase.invites.api.settings;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.NotifyInvite;
import java.util.List;

/**
 * A store's effective invitation settings: what it saved, completed by the configured defaults. The invite
 * link is {@code acceptUrlBase + "?token=" + token}; {@code timeZone} (an IANA id) is the zone messages show
 * the expiry in.
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
        String timeZone) {

    public NotifyInvite.StoreBranding branding() {
        return new NotifyInvite.StoreBranding(
                storeName,
                senderName == null || senderName.isBlank() ? storeName : senderName,
                replyTo,
                acceptUrlBase,
                timeZone);
    }
}
