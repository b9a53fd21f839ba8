package com.boxncase.invites.document;

import org.bson.Document;

/**
 * The store's effective invitation settings as they were when the invite's current period started (creation or
 * resend), stamped on the invite ({@code store}). The workers read them from the invite, so the store's defaults
 * exist in one place (invite-api's configuration) and a command cannot bring settings of its own.
 *
 * @param senderName display name of the From address; the store name when the store set none
 * @param acceptUrlBase the accept page the link points to ({@code acceptUrlBase?token=...})
 * @param timeZone IANA zone the invitee's times are shown in
 * @param signInUrl where the invitee continues after accepting; null for none
 */
public record StoreStamp(
        String storeName,
        String senderName,
        String replyTo,
        String acceptUrlBase,
        String defaultLocale,
        String timeZone,
        boolean remindersEnabled,
        String signInUrl) {

    public Document toDocument() {
        return new Document("storeName", storeName)
                .append("senderName", senderName)
                .append("replyTo", replyTo)
                .append("acceptUrlBase", acceptUrlBase)
                .append("defaultLocale", defaultLocale)
                .append("timeZone", timeZone)
                .append("remindersEnabled", remindersEnabled)
                .append("signInUrl", signInUrl);
    }

    /** The stamp as stored; null for invites written before stamping. */
    public static StoreStamp fromDocument(Document stored) {
        if (stored == null) {
            return null;
        }
        return new StoreStamp(
                stored.getString("storeName"),
                stored.getString("senderName"),
                stored.getString("replyTo"),
                stored.getString("acceptUrlBase"),
                stored.getString("defaultLocale"),
                stored.getString("timeZone") == null ? "UTC" : stored.getString("timeZone"),
                !Boolean.FALSE.equals(stored.getBoolean("remindersEnabled")),
                stored.getString("signInUrl"));
    }
}
