package com.boxncase.invites.templates;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.NotifyReason;

/**
 * Where a store's template override lives: collection {@code templates}, one document per store, channel, kind and
 * locale, written by invite-api and read by notifier-worker. The {@code _id} of an INVITE override is
 * {@code storeId:channel:locale}, as before kinds existed (so no stored override needs migrating); a RESEND or
 * REMINDER override adds its kind: {@code storeId:channel:locale:KIND}. Every id of a store's channel starts with
 * {@code storeId:channel:}, which is how a change notice drops them all from a cache.
 */
public final class StoreTemplateIds {

    public static final String COLLECTION = "templates";

    private StoreTemplateIds() {}

    public static String id(String storeId, Channel channel, NotifyReason kind, String localeTag) {
        String id = storeId + ":" + channel.name() + ":" + localeTag;
        return kind == null || kind == NotifyReason.INVITE ? id : id + ":" + kind.name();
    }

    /** The prefix of every id of a store's channel. */
    public static String prefix(String storeId, Channel channel) {
        return storeId + ":" + channel.name() + ":";
    }
}
