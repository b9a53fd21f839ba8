package com.boxncase.invites.notifier.template;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.notifier.NotifierProperties;
import com.boxncase.invites.templates.CompiledEmailTemplate;
import com.boxncase.invites.templates.CompiledSmsTemplate;
import com.boxncase.invites.templates.EmailTemplate;
import com.boxncase.invites.templates.TemplateRenderer;
import com.boxncase.invites.templates.TemplateRenderingFailed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Store template overrides from collection {@code templates} ({@code _id = storeId:channel:locale}, written
 * by invite-api), parsed once and cached per store, channel and locale, the absence of an override included.
 * A {@code TemplateChanged} notice drops an entry at once; {@code invites.notifier.templates.cache-max-age}
 * bounds how long a missed notice can go unnoticed.
 */
@Component
class StoreTemplateCache {

    static final String COLLECTION = "templates";
    private static final Logger log = LoggerFactory.getLogger(StoreTemplateCache.class);

    private final MongoTemplate mongo;
    private final TemplateRenderer renderer;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    StoreTemplateCache(MongoTemplate mongo, TemplateRenderer renderer, NotifierProperties properties) {
        this.mongo = mongo;
        this.renderer = renderer;
        this.maxAge = properties.templates().cacheMaxAge();
        this.clock = Clock.systemUTC();
    }

    Optional<CompiledEmailTemplate> find(String storeId, Channel channel, String locale) {
        return cached(id(storeId, channel, locale), this::load).map(CompiledEmailTemplate.class::cast);
    }

    /** The store's SMS override ({@code _id = storeId:SMS:locale}, field {@code text}). */
    Optional<CompiledSmsTemplate> findSms(String storeId, String locale) {
        return cached(id(storeId, Channel.SMS, locale), this::loadSms).map(CompiledSmsTemplate.class::cast);
    }

    private Optional<?> cached(String id, Function<String, Optional<?>> loader) {
        Instant now = clock.instant();
        Cached cached = cache.get(id);
        if (cached == null || cached.loadedAt().plus(maxAge).isBefore(now)) {
            cached = new Cached(loader.apply(id), now);
            cache.put(id, cached);
        }
        return cached.template();
    }

    /**
     * Drops every cached locale of the store's channel, not only {@code locale}: a notice for {@code de} must
     * also reach the entry cached for an invitee in {@code de-AT}.
     */
    void invalidate(String storeId, Channel channel) {
        String prefix = storeId + ":" + channel.name() + ":";
        cache.keySet().removeIf(id -> id.startsWith(prefix));
    }

    /** Forgets expired entries, so stores that stopped inviting do not hold memory. */
    @Scheduled(fixedDelayString = "${invites.notifier.templates.cache-max-age:5m}")
    void evictExpired() {
        Instant oldest = clock.instant().minus(maxAge);
        cache.values().removeIf(cached -> cached.loadedAt().isBefore(oldest));
    }

    private Optional<?> loadSms(String id) {
        Document doc = mongo.findById(id, Document.class, COLLECTION);
        if (doc == null || doc.getString("text") == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(renderer.compileSms(doc.getString("text")));
        } catch (TemplateRenderingFailed e) {
            log.warn("Store template {} does not parse, the default is used: {}", id, e.problems());
            return Optional.empty();
        }
    }

    private Optional<?> load(String id) {
        Document doc = mongo.findById(id, Document.class, COLLECTION);
        if (doc == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(renderer.compile(
                    new EmailTemplate(doc.getString("subject"), doc.getString("html"), doc.getString("text"))));
        } catch (TemplateRenderingFailed e) {
            log.warn("Store template {} does not parse, the default is used: {}", id, e.problems());
            return Optional.empty();
        }
    }

    private static String id(String storeId, Channel channel, String locale) {
        return storeId + ":" + channel.name() + ":" + locale;
    }

    private record Cached(Optional<?> template, Instant loadedAt) {}
}
