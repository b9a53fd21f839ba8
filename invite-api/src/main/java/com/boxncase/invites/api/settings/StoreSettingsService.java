package com.boxncase.invites.api.settings;

import com.boxncase.invites.api.InvitesProperties;
import com.boxncase.invites.contracts.Channel;
import java.time.Clock;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/** Reads and saves store settings, completing them with the configured defaults. */
@Service
public class StoreSettingsService {

    private final MongoTemplate mongo;
    private final InvitesProperties.StoreDefaults defaults;
    private final Clock clock;

    StoreSettingsService(MongoTemplate mongo, InvitesProperties properties, Clock clock) {
        this.mongo = mongo;
        this.defaults = properties.storeDefaults();
        this.clock = clock;
    }

    public StoreSettings settingsOf(String storeId) {
        return effective(mongo.findById(storeId, StoreSettingsDocument.class));
    }

    StoreSettings save(String storeId, StoreSettingsRequest request, String adminId) {
        StoreSettingsDocument saved = new StoreSettingsDocument(
                storeId,
                request.storeName(),
                List.copyOf(request.channels()),
                request.senderName(),
                request.replyTo(),
                request.acceptUrlBase(),
                request.defaultLocale(),
                request.inviteTtlDays(),
                request.remindersEnabled(),
                clock.instant(),
                adminId);
        mongo.save(saved);
        return effective(saved);
    }

    private StoreSettings effective(StoreSettingsDocument saved) {
        if (saved == null) {
            saved = new StoreSettingsDocument(null, null, null, null, null, null, null, null, null, null, null);
        }
        return new StoreSettings(
                or(saved.storeName(), defaults.storeName()),
                saved.channels() != null && !saved.channels().isEmpty()
                        ? saved.channels()
                        : defaults.channels().stream().map(Channel::valueOf).toList(),
                or(saved.senderName(), defaults.senderName()),
                or(saved.replyTo(), defaults.replyTo()),
                or(saved.acceptUrlBase(), defaults.acceptUrlBase()),
                or(saved.defaultLocale(), defaults.defaultLocale()),
                saved.inviteTtlDays() != null ? saved.inviteTtlDays() : defaults.inviteTtlDays(),
                saved.remindersEnabled() != null ? saved.remindersEnabled() : defaults.remindersEnabled());
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
