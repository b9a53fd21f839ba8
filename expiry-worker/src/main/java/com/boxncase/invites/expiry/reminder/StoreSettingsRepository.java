package com.boxncase.invites.expiry.reminder;

import com.boxncase.invites.contracts.NotifyInvite.StoreBranding;
import com.boxncase.invites.expiry.ExpiryProperties;
import com.boxncase.invites.expiry.ExpiryProperties.StoreDefaults;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads collection {@code store_settings} (owned by invite-api, {@code _id} = store id), filling the fields a
 * store has not set from {@code invites.expiry.store-defaults.*}. A missing {@code remindersEnabled} means on.
 */
@Component
class StoreSettingsRepository {

    static final String COLLECTION = "store_settings";

    private final MongoTemplate mongo;
    private final StoreDefaults defaults;

    StoreSettingsRepository(MongoTemplate mongo, ExpiryProperties properties) {
        this.mongo = mongo;
        this.defaults = properties.storeDefaults();
    }

    StoreSettings find(String storeId) {
        Document stored = storeId == null ? null : mongo.findById(storeId, Document.class, COLLECTION);
        Document settings = stored == null ? new Document() : stored;
        return new StoreSettings(
                !Boolean.FALSE.equals(settings.getBoolean("remindersEnabled")),
                new StoreBranding(
                        orDefault(settings, "storeName", defaults.storeName()),
                        orDefault(settings, "senderName", defaults.senderName()),
                        orDefault(settings, "replyTo", defaults.replyTo()),
                        orDefault(settings, "acceptUrlBase", defaults.acceptUrlBase()),
                        // the store's own zone; without one the notifier shows UTC, invite-api's default
                        settings.getString("timeZone")),
                orDefault(settings, "defaultLocale", defaults.defaultLocale()));
    }

    private static String orDefault(Document settings, String field, String fallback) {
        String value = settings.getString(field);
        return value == null || value.isBlank() ? fallback : value;
    }
}
