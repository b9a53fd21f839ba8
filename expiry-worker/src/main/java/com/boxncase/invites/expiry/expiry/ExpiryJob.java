package com.boxncase.invites.expiry.expiry;

import static com.boxncase.invites.document.InviteDocument.COLLECTION;
import static com.boxncase.invites.document.InviteDocument.EMAIL;
import static com.boxncase.invites.document.InviteDocument.EXPIRED_AT;
import static com.boxncase.invites.document.InviteDocument.EXPIRES_AT;
import static com.boxncase.invites.document.InviteDocument.ID;
import static com.boxncase.invites.document.InviteDocument.OUTBOX;
import static com.boxncase.invites.document.InviteDocument.PURGE_AT;
import static com.boxncase.invites.document.InviteDocument.ROLE;
import static com.boxncase.invites.document.InviteDocument.STATUS;
import static com.boxncase.invites.document.InviteDocument.STORE_ID;
import static com.boxncase.invites.document.InviteDocument.VERSION;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.boxncase.invites.contracts.Actor;
import com.boxncase.invites.contracts.InviteEvent;
import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.document.InviteStatus;
import com.boxncase.invites.expiry.ExpiryProperties;
import com.boxncase.invites.outbox.Outbox;
import com.boxncase.invites.outbox.OutboxMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Marks PENDING invites whose {@code expiresAt} has passed as EXPIRED and publishes {@code InviteEvent
 * EXPIRED} through the invite's outbox. Each transition is one conditional update on {@code _id}, status and
 * the {@code expiresAt} that was read, so concurrent instances (or a resend that restarted the period) make
 * the losing update match nothing. The invite keeps its {@code openKey}: an expired invite can be resent. It
 * also gets {@code purgeAt}, so the pending table can say when it will disappear.
 */
@Component
public class ExpiryJob {

    static final Actor ACTOR = Actor.system("expiry-worker");

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Clock clock;
    private final ExpiryProperties properties;
    private final Counter expiredCounter;

    public ExpiryJob(
            MongoTemplate mongo, Outbox outbox, Clock clock, ExpiryProperties properties, MeterRegistry meters) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.clock = clock;
        this.properties = properties;
        this.expiredCounter = Counter.builder("invites.expiry.expired")
                .description("Invites this worker moved from PENDING to EXPIRED")
                .register(meters);
    }

    /** Expires due invites, oldest first, in batches. Returns how many this instance expired. */
    public int run() {
        Instant now = clock.instant();
        int expired = 0;
        for (int batch = 0; batch < properties.maxBatchesPerRun(); batch++) {
            Query dueBatch = due(now).with(Sort.by(EXPIRES_AT)).limit(properties.batchSize());
            dueBatch.fields().include(ID, STORE_ID, EMAIL, ROLE, EXPIRES_AT);
            List<Document> invites = mongo.find(dueBatch, Document.class, COLLECTION);
            for (Document invite : invites) {
                if (expire(invite, now)) {
                    expired++;
                }
            }
            if (invites.size() < properties.batchSize()) {
                break;
            }
        }
        expiredCounter.increment(expired);
        return expired;
    }

    /** PENDING invites already past their expiry (what a run has left over). */
    public long backlog() {
        return mongo.count(due(clock.instant()), COLLECTION);
    }

    private boolean expire(Document invite, Instant now) {
        Object id = invite.get(ID);
        Date expiresAt = invite.getDate(EXPIRES_AT);
        InviteEvent event = new InviteEvent(
                InviteEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                InviteEvent.Type.EXPIRED,
                id.toString(),
                invite.getString(STORE_ID),
                invite.getString(EMAIL),
                invite.getString(ROLE),
                ACTOR,
                Map.of("expiresAt", expiresAt.toInstant().toString()),
                now);
        OutboxMessage message = outbox.message(Topics.EVENTS, id.toString(), event.eventId(), event);
        Query stillDue = Query.query(where(ID)
                .is(id)
                .and(STATUS)
                .is(InviteStatus.PENDING.name())
                .and(EXPIRES_AT)
                .is(expiresAt));
        Update expire = new Update()
                .set(STATUS, InviteStatus.EXPIRED.name())
                .set(EXPIRED_AT, Date.from(now))
                .set(PURGE_AT, Date.from(expiresAt.toInstant().plus(properties.expiredRetention())))
                .inc(VERSION, 1)
                .push(OUTBOX, message.toDocument());
        if (mongo.updateFirst(stillDue, expire, COLLECTION).getModifiedCount() == 0) {
            return false; // another instance expired it, or a resend restarted its period
        }
        outbox.written(id.toString(), List.of(message));
        return true;
    }

    private static Query due(Instant now) {
        return Query.query(
                where(STATUS).is(InviteStatus.PENDING.name()).and(EXPIRES_AT).lte(Date.from(now)));
    }
}
