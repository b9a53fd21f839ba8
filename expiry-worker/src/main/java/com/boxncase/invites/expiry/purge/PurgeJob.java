package com.boxncase.invites.expiry.purge;

import static com.boxncase.invites.expiry.invite.InviteDocument.ACCEPTED;
import static com.boxncase.invites.expiry.invite.InviteDocument.COLLECTION;
import static com.boxncase.invites.expiry.invite.InviteDocument.EXPIRED;
import static com.boxncase.invites.expiry.invite.InviteDocument.REVOKED;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.boxncase.invites.expiry.ExpiryProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Deletes invites that ended more than {@code retention} ago from the hot collection: ACCEPTED and REVOKED
 * counted from {@code endedAt}, EXPIRED from {@code expiresAt}. A document whose outbox still holds messages is
 * kept until the relay has published them. The audit trail (collection {@code audit}) is not touched.
 */
@Component
public class PurgeJob {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ExpiryProperties properties;
    private final Counter purgedCounter;

    public PurgeJob(MongoTemplate mongo, Clock clock, ExpiryProperties properties, MeterRegistry meters) {
        this.mongo = mongo;
        this.clock = clock;
        this.properties = properties;
        this.purgedCounter = Counter.builder("invites.expiry.purged")
                .description("Finished invites deleted after the retention period")
                .register(meters);
    }

    /** Deletes the invites past retention. Returns how many this instance deleted. */
    public int run() {
        Date cutoff = Date.from(clock.instant().minus(properties.retention()));
        int purged = purge(() ->
                        where("status").in(ACCEPTED, REVOKED).and("endedAt").lt(cutoff))
                + purge(() -> where("status").is(EXPIRED).and("expiresAt").lt(cutoff));
        purgedCounter.increment(purged);
        return purged;
    }

    private int purge(Supplier<Criteria> finishedLongAgo) {
        int purged = 0;
        for (int batch = 0; batch < properties.maxBatchesPerRun(); batch++) {
            Query candidates = Query.query(published(finishedLongAgo.get())).limit(properties.batchSize());
            candidates.fields().include("_id");
            List<Object> ids = mongo.find(candidates, Document.class, COLLECTION).stream()
                    .map(document -> document.get("_id"))
                    .toList();
            if (ids.isEmpty()) {
                break;
            }
            // The conditions again: an invite revived by a resend since it was read must survive.
            Query stillPurgeable =
                    Query.query(published(finishedLongAgo.get().and("_id").in(ids)));
            purged += (int) mongo.remove(stillPurgeable, COLLECTION).getDeletedCount();
            if (ids.size() < properties.batchSize()) {
                break;
            }
        }
        return purged;
    }

    /** No message waiting in the outbox (an empty or missing array). */
    private static Criteria published(Criteria criteria) {
        return criteria.and("outbox.0").exists(false);
    }
}
