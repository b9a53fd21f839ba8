package com.boxncase.invites.notifier.template;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.notifier.NotifierProperties;
import com.boxncase.invites.templates.CompiledEmailTemplate;
import com.boxncase.invites.templates.CompiledSmsTemplate;
import com.boxncase.invites.templates.EmailTemplate;
import com.boxncase.invites.templates.StoreTemplateIds;
import com.boxncase.invites.templates.TemplateRenderer;
import com.boxncase.invites.templates.TemplateRenderingFailed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Store template overrides from collection {@code templates} (ids as {@link StoreTemplateIds} says, written by
 * invite-api), parsed once and cached per store, channel, kind and locale, the absence of an override included.
 * A {@code TemplateChanged} notice drops an entry at once; {@code invites.notifier.templates.cache-max-age}
 * bounds how long a missed notice can go unnoticed.
 *
 * <p>A stored template that breaks the sandbox rules (it reached the database without invite-api's validation),
 * or that went past a render bound, is <em>broken</em>: the field {@code broken} {@code {cause, reason, at}} on
 * its document says why (invite-api shows it), it is never rendered again, and its store's invites get the
 * default until the store saves the template again (which replaces the document). Each is counted in
 * {@code invites.notifier.template.overrides.broken} and logged.
 */
@Component
class StoreTemplateCache {

    static final String COLLECTION = StoreTemplateIds.COLLECTION;
    /** The cause of a template that was refused when loaded; the others are the render limits' names. */
    static final String REFUSED = "SANDBOX";

    private static final Logger log = LoggerFactory.getLogger(StoreTemplateCache.class);

    private final MongoTemplate mongo;
    private final TemplateRenderer renderer;
    private final MeterRegistry meters;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * A store's override as loaded: compiled, or broken with the reason (then it is not rendered).
     *
     * @param revision the document's {@code updatedAt}, so that marking it broken cannot hit a newer save
     */
    record StoreOverride<T>(
            String id, String storeId, Channel channel, Date revision, T template, String brokenReason) {

        boolean broken() {
            return template == null;
        }

        StoreOverride<T> brokenBecause(String reason) {
            return new StoreOverride<>(id, storeId, channel, revision, null, reason);
        }
    }

    StoreTemplateCache(
            MongoTemplate mongo, TemplateRenderer renderer, NotifierProperties properties, MeterRegistry meters) {
        this.mongo = mongo;
        this.renderer = renderer;
        this.meters = meters;
        this.maxAge = properties.templates().cacheMaxAge();
        this.clock = Clock.systemUTC();
    }

    /** The store's own email override of one kind of message in one locale. */
    @SuppressWarnings("unchecked")
    Optional<StoreOverride<CompiledEmailTemplate>> findEmail(String storeId, NotifyReason kind, String locale) {
        String id = StoreTemplateIds.id(storeId, Channel.EMAIL, kind, locale);
        return cached(id, key -> load(key, storeId, Channel.EMAIL)).map(o -> (StoreOverride<CompiledEmailTemplate>) o);
    }

    /** The store's own SMS override (field {@code text}) of one kind of message in one locale. */
    @SuppressWarnings("unchecked")
    Optional<StoreOverride<CompiledSmsTemplate>> findSms(String storeId, NotifyReason kind, String locale) {
        String id = StoreTemplateIds.id(storeId, Channel.SMS, kind, locale);
        return cached(id, key -> load(key, storeId, Channel.SMS)).map(o -> (StoreOverride<CompiledSmsTemplate>) o);
    }

    private Optional<StoreOverride<?>> cached(String id, Function<String, Optional<StoreOverride<?>>> loader) {
        Instant now = clock.instant();
        Cached cached = cache.get(id);
        if (cached == null || cached.loadedAt().plus(maxAge).isBefore(now)) {
            cached = new Cached(loader.apply(id), now);
            cache.put(id, cached);
        }
        return cached.override();
    }

    /**
     * Marks the override broken: from now on this instance renders the default for it, and its document says
     * why, unless the store saved a new version meanwhile. A MongoDB failure here is logged, not thrown: the
     * invite is sent with the default either way, and the next instance to render it marks it again.
     */
    <T> StoreOverride<T> markBroken(StoreOverride<T> override, String cause, String reason) {
        StoreOverride<T> broken = override.brokenBecause(reason);
        cache.put(override.id(), new Cached(Optional.of(broken), clock.instant()));
        Counter.builder("invites.notifier.template.overrides.broken")
                .description("Store templates marked broken (refused in the sandbox or past a render bound)")
                .tag("channel", override.channel().name())
                .tag("cause", cause)
                .register(meters)
                .increment();
        log.warn(
                "Store {} template {} is broken ({}) and is not used until the store saves it again: {}",
                override.storeId(),
                override.id(),
                cause,
                reason);
        try {
            Query sameVersion = Query.query(
                    Criteria.where("_id").is(override.id()).and("updatedAt").is(override.revision()));
            Document mark =
                    new Document("cause", cause).append("reason", reason).append("at", Date.from(clock.instant()));
            mongo.updateFirst(sameVersion, new Update().set("broken", mark), COLLECTION);
        } catch (RuntimeException e) {
            log.warn("Could not record that store template {} is broken: {}", override.id(), e.toString());
        }
        return broken;
    }

    /**
     * Drops every cached locale and kind of the store's channel, not only the one changed: a notice for {@code de}
     * must also reach the entry cached for an invitee in {@code de-AT}.
     */
    void invalidate(String storeId, Channel channel) {
        String prefix = StoreTemplateIds.prefix(storeId, channel);
        cache.keySet().removeIf(id -> id.startsWith(prefix));
    }

    /** Forgets expired entries, so stores that stopped inviting do not hold memory. */
    @Scheduled(fixedDelayString = "${invites.notifier.templates.cache-max-age:5m}")
    void evictExpired() {
        Instant oldest = clock.instant().minus(maxAge);
        cache.values().removeIf(cached -> cached.loadedAt().isBefore(oldest));
    }

    private Optional<StoreOverride<?>> load(String id, String storeId, Channel channel) {
        Document doc = mongo.findById(id, Document.class, COLLECTION);
        if (doc == null || (channel == Channel.SMS && doc.getString("text") == null)) {
            return Optional.empty();
        }
        Date revision = doc.getDate("updatedAt");
        Document broken = doc.get("broken", Document.class);
        if (broken != null) {
            return Optional.of(new StoreOverride<>(id, storeId, channel, revision, null, broken.getString("reason")));
        }
        try {
            Object compiled = channel == Channel.SMS
                    ? renderer.compileSms(doc.getString("text"))
                    : renderer.compile(
                            new EmailTemplate(doc.getString("subject"), doc.getString("html"), doc.getString("text")));
            return Optional.of(new StoreOverride<>(id, storeId, channel, revision, compiled, null));
        } catch (TemplateRenderingFailed e) {
            StoreOverride<Object> refused = new StoreOverride<>(id, storeId, channel, revision, null, null);
            return Optional.of(markBroken(refused, REFUSED, "the template was refused: " + e.problems()));
        }
    }

    private record Cached(Optional<StoreOverride<?>> override, Instant loadedAt) {}
}
