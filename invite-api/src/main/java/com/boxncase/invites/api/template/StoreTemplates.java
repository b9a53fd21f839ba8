package com.boxncase.invites.api.template;

import com.boxncase.invites.templates.StoreTemplateIds;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Store overrides in collection {@code templates}, one document per store, channel, kind and locale, in the exact
 * shape notifier-worker's {@code StoreTemplateCache} reads: {@code _id} as {@link StoreTemplateIds} says,
 * {@code storeId, channel, locale, kind, subject, html, text, updatedAt, updatedBy}, and {@code broken {cause, reason, at}} when a
 * notifier stopped using it. Written as plain documents so no {@code _class} or other mapping detail leaks into
 * the contract.
 */
@Repository
class StoreTemplates {

    static final String COLLECTION = StoreTemplateIds.COLLECTION;

    private final MongoTemplate mongo;

    StoreTemplates(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Optional<StoreTemplate> find(TemplateKey key) {
        Document doc = mongo.findById(key.id(), Document.class, COLLECTION);
        if (doc == null) {
            return Optional.empty();
        }
        Date updatedAt = doc.getDate("updatedAt");
        Document broken = doc.get("broken", Document.class);
        return Optional.of(new StoreTemplate(
                key,
                doc.getString("subject"),
                doc.getString("html"),
                doc.getString("text"),
                updatedAt == null ? null : updatedAt.toInstant(),
                doc.getString("updatedBy"),
                broken == null ? null : broken(broken)));
    }

    private static StoreTemplate.Broken broken(Document broken) {
        Date at = broken.getDate("at");
        return new StoreTemplate.Broken(
                broken.getString("cause"), broken.getString("reason"), at == null ? null : at.toInstant());
    }

    /** Inserts or replaces the override; a replaced override's {@code broken} mark goes with it. */
    void save(StoreTemplate template) {
        TemplateKey key = template.key();
        Document doc = new Document("_id", key.id())
                .append("storeId", key.storeId())
                .append("channel", key.channel().name())
                .append("locale", key.locale())
                .append("kind", key.kind().name())
                .append("subject", template.subject())
                .append("html", template.html())
                .append("text", template.text())
                .append("updatedAt", Date.from(template.updatedAt()))
                .append("updatedBy", template.updatedBy());
        mongo.save(doc, COLLECTION);
    }

    /** Whether there was an override to delete. */
    boolean delete(TemplateKey key) {
        return mongo.remove(Query.query(Criteria.where("_id").is(key.id())), COLLECTION)
                        .getDeletedCount()
                > 0;
    }
}
