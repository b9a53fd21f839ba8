package com.boxncase.invites.api.settings;

import com.boxncase.invites.api.InvitesProperties;
import com.boxncase.invites.api.web.InvalidField;
import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.document.InviteDocument;
import com.boxncase.invites.document.InviteStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Reads and saves store settings, completing them with the configured defaults. Every invite needs its
 * store's settings, and bulk invites hit the same stores again and again, so each instance reuses what it
 * read for a short while ({@code invites.store-settings-cache-ttl}) instead of a MongoDB round trip per
 * invite; a save through this instance takes effect here at once.
 */
@Service
public class StoreSettingsService {

    private static final int MAX_CACHED_STORES = 50_000;

    private final MongoTemplate mongo;
    private final InvitesProperties.StoreDefaults defaults;
    private final Clock clock;
    private final long cacheTtlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(StoreSettings settings, long readAtNanos) {}

    StoreSettingsService(MongoTemplate mongo, InvitesProperties properties, Clock clock) {
        this.mongo = mongo;
        this.defaults = properties.storeDefaults();
        this.clock = clock;
        this.cacheTtlNanos = properties.storeSettingsCacheTtl().toNanos();
    }

    public StoreSettings settingsOf(String storeId) {
        long now = System.nanoTime();
        Cached cached = cache.get(storeId);
        if (cached != null && now - cached.readAtNanos() < cacheTtlNanos) {
            return cached.settings();
        }
        StoreSettings settings = effective(mongo.findById(storeId, StoreSettingsDocument.class));
        remember(storeId, settings, now);
        return settings;
    }

    private void remember(String storeId, StoreSettings settings, long readAtNanos) {
        if (cacheTtlNanos <= 0) {
            return;
        }
        if (cache.size() >= MAX_CACHED_STORES) {
            cache.clear(); // crude bound; a full re-read of hot stores costs one round trip each
        }
        cache.put(storeId, new Cached(settings, readAtNanos));
    }

    StoreSettings save(String storeId, StoreSettingsRequest request, String adminId) {
        if (request.timeZone() != null && !TimeZones.isKnown(request.timeZone())) {
            throw new InvalidField("timeZone", TimeZones.RULE);
        }
        if (request.signInUrl() != null && !request.signInUrl().isBlank() && !SignInUrls.isValid(request.signInUrl())) {
            throw new InvalidField("signInUrl", SignInUrls.RULE);
        }
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
                request.timeZone(),
                request.signInUrl(),
                clock.instant(),
                adminId);
        mongo.save(saved);
        StoreSettings settings = effective(saved);
        remember(storeId, settings, System.nanoTime());
        applyRemindersToOpenInvites(storeId, settings.remindersEnabled());
        return settings;
    }

    /**
     * Invites carry the store's settings of their period (the workers read them there), but switching reminders off
     * must stop the reminders of invites already out, so that one setting is brought to the store's pending invites.
     */
    private void applyRemindersToOpenInvites(String storeId, boolean remindersEnabled) {
        Query openInvites = Query.query(Criteria.where(InviteDocument.STORE_ID)
                .is(storeId)
                .and(InviteDocument.STATUS)
                .is(InviteStatus.PENDING.name())
                .and(InviteDocument.STORE + ".remindersEnabled")
                .ne(remindersEnabled));
        mongo.updateMulti(
                openInvites,
                new Update()
                        .set(InviteDocument.STORE + ".remindersEnabled", remindersEnabled)
                        .inc(InviteDocument.VERSION, 1),
                InviteDocument.COLLECTION);
    }

    private StoreSettings effective(StoreSettingsDocument saved) {
        if (saved == null) {
            saved = new StoreSettingsDocument(
                    null, null, null, null, null, null, null, null, null, null, null, null, null);
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
                saved.remindersEnabled() != null ? saved.remindersEnabled() : defaults.remindersEnabled(),
                or(saved.timeZone(), defaults.timeZone()),
                blankAsNone(or(saved.signInUrl(), defaults.signInUrl())));
    }

    private static String blankAsNone(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
