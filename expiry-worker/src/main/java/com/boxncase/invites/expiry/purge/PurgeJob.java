package com.boxncase.invites.expiry.purge;

import static com.boxncase.invites.document.InviteDocument.COLLECTION;
import static com.boxncase.invites.document.InviteDocument.ENDED_AT;
import static com.boxncase.invites.document.InviteDocument.EXPIRES_AT;
import static com.boxncase.invites.document.InviteDocument.ID;
import static com.boxncase.invites.document.InviteDocument.OUTBOX;
import static com.boxncase.invites.document.InviteDocument.STATUS;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.boxncase.invites.document.InviteStatus;
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
 * Deletes invites that are over: REVOKED ones {@code revoked-retention} after {@code endedAt}, EXPIRED ones
 * {@code expired-retention} after {@code expiresAt} (the {@code purgeAt} the pending table shows). ACCEPTED
 * invites are the records of the admin users they made and are kept. A document whose outbox still holds
 * messages is kept until the relay has published them. The audit trail (collection {@code audit}) is not touched.
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
        Date revokedBefore = Date.from(clock.instant().minus(properties.revokedRetention()));
        Date expiredBefore = Date.from(clock.instant().minus(properties.expiredRetention()));
        int purged = purge(() -> where(STATUS)
                        .is(InviteStatus.REVOKED.name())
                        .and(ENDED_AT)
                        .lt(revokedBefore))
                + purge(() -> where(STATUS)
                        .is(InviteStatus.EXPIRED.name())
                        .and(EXPIRES_AT)
                        .lt(expiredBefore));
        purgedCounter.increment(purged);
        return purged;
    }

    private int purge(Supplier<Criteria> finishedLongAgo) {
        int purged = 0;
        for (int batch = 0; batch < properties.maxBatchesPerRun(); batch++) {
            Query candidates = Query.query(published(finishedLongAgo.get())).limit(properties.batchSize());
            candidates.fields().include(ID);
            List<Object> ids = mongo.find(candidates, Document.class, COLLECTION).stream()
                    .map(document -> document.get(ID))
                    .toList();
            if (ids.isEmpty()) {
                break;
            }
            // The conditions again: an invite revived by a resend since it was read must survive.
            Query stillPurgeable =
                    Query.query(published(finishedLongAgo.get().and(ID).in(ids)));
            purged += (int) mongo.remove(stillPurgeable, COLLECTION).getDeletedCount();
            if (ids.size() < properties.batchSize()) {
                break;
            }
        }
        return purged;
    }

    /** No message waiting in the outbox (an empty or missing array). */
    private static Criteria published(Criteria criteria) {
        return criteria.and(OUTBOX + ".0").exists(false);
    }
}
