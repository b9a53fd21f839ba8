package com.boxncase.invites.notifier.ledger;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.notifier.NotifierProperties;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The idempotency ledger, collection {@value #COLLECTION}: one document per command and channel ({@code _id =
 * commandId:CHANNEL}) holding what the notifier did with it. A batch reads its commands' entries with one {@code
 * $in} before it sends anything, so a redelivered command that was already sent, failed or skipped is recognised
 * and not sent again, and records all its outcomes after with one unordered bulk of upserts by {@code _id}: one
 * write per command and channel, none before the send. An entry that is already done is never overwritten (the
 * upsert's filter excludes it, and the insert it falls back to is a duplicate key, which is ignored). Entries expire
 * after {@code invites.notifier.ledger.retention} (a TTL index on {@code createdAt}).
 *
 * <p>Nothing is written before a send because nothing read from such a claim could change what happens next: a
 * process that stops between a send and its record leaves the command uncommitted, and its redelivery sends again
 * (at least once), claim or not.
 */
@Component
public class NotifyLedger {

    static final String COLLECTION = "notify_ledger";
    static final String TTL_INDEX = "ttl_createdAt";

    static final String ID = "_id";
    static final String INVITE_ID = "inviteId";
    static final String COMMAND_ID = "commandId";
    static final String CHANNEL = "channel";
    static final String STATE = "state";
    static final String ATTEMPTS = "attempts";
    static final String PROVIDER_MESSAGE_ID = "providerMessageId";
    static final String LAST_ERROR = "lastError";
    static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";

    private static final Logger log = LoggerFactory.getLogger(NotifyLedger.class);
    private static final List<String> DONE =
            List.of(DeliveryState.SENT.name(), DeliveryState.FAILED.name(), DeliveryState.SKIPPED.name());
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoTemplate mongo;
    private final MongoCollection<Document> entries;
    private final Duration retention;
    private volatile boolean ttlIndexReady;

    NotifyLedger(MongoTemplate mongo, NotifierProperties properties) {
        this.mongo = mongo;
        this.entries = mongo.getCollection(COLLECTION);
        this.retention = properties.ledger().retention();
    }

    static String id(String commandId, Channel channel) {
        return commandId + ":" + channel.name();
    }

    /** The entries of {@code ids} that exist, by id, in one read. */
    public Map<String, LedgerEntry> find(Collection<String> ids) {
        Map<String, LedgerEntry> found = new HashMap<>();
        for (Document doc : entries.find(Filters.in(ID, ids))) {
            LedgerEntry entry = entry(doc);
            found.put(entry.id(), entry);
        }
        return found;
    }

    /**
     * Records outcomes in one unordered bulk of upserts by {@code _id}. An entry that is already done keeps its
     * outcome: the update's filter excludes it, so the upsert falls back to an insert of the same {@code _id}, and
     * that duplicate key is the answer "done before", not a failure.
     */
    public void record(List<LedgerOutcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return;
        }
        Date at = Date.from(now);
        List<WriteModel<Document>> upserts = new ArrayList<>(outcomes.size());
        for (LedgerOutcome outcome : outcomes) {
            LedgerKey key = outcome.key();
            List<Bson> changes = new ArrayList<>(10);
            changes.add(Updates.setOnInsert(INVITE_ID, key.inviteId()));
            changes.add(Updates.setOnInsert(COMMAND_ID, key.commandId()));
            changes.add(Updates.setOnInsert(CHANNEL, key.channel().name()));
            changes.add(Updates.setOnInsert(CREATED_AT, at));
            changes.add(Updates.set(STATE, outcome.state().name()));
            changes.add(Updates.set(ATTEMPTS, outcome.attempt()));
            changes.add(Updates.set(UPDATED_AT, at));
            if (outcome.providerMessageId() != null) {
                changes.add(Updates.set(PROVIDER_MESSAGE_ID, outcome.providerMessageId()));
            }
            if (outcome.error() != null) {
                changes.add(Updates.set(LAST_ERROR, outcome.error()));
            }
            changes.add(
                    outcome.nextAttemptAt() == null
                            ? Updates.unset(NEXT_ATTEMPT_AT)
                            : Updates.set(NEXT_ATTEMPT_AT, Date.from(outcome.nextAttemptAt())));
            upserts.add(new UpdateOneModel<>(notDone(outcome.id()), Updates.combine(changes), UPSERT));
        }
        try {
            entries.bulkWrite(upserts, UNORDERED);
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) {
                throw e;
            }
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            log.debug(
                    "{} outcomes were recorded before and kept",
                    e.getWriteErrors().size());
        }
    }

    /**
     * Creates the TTL index, or changes its expiry when the retention setting changed. Retried until it succeeds, so
     * a notifier started while MongoDB is down gets its index once MongoDB is back.
     */
    @Scheduled(initialDelay = 0, fixedDelayString = "${invites.notifier.ledger.index-retry-interval:30s}")
    void ensureTtlIndex() {
        if (ttlIndexReady) {
            return;
        }
        long seconds = retention.toSeconds();
        try {
            try {
                entries.createIndex(
                        Indexes.ascending(CREATED_AT),
                        new IndexOptions().name(TTL_INDEX).expireAfter(seconds, TimeUnit.SECONDS));
            } catch (MongoCommandException e) {
                if (e.getErrorCode() != 85 && e.getErrorCode() != 86) { // IndexOptionsConflict, IndexKeySpecsConflict
                    throw e;
                }
                mongo.getDb()
                        .runCommand(new Document("collMod", COLLECTION)
                                .append(
                                        "index",
                                        new Document("name", TTL_INDEX).append("expireAfterSeconds", seconds)));
            }
            ttlIndexReady = true;
            log.info("Ledger entries expire {} after their creation (TTL index {})", retention, TTL_INDEX);
        } catch (RuntimeException e) {
            log.warn("Ledger TTL index not created yet, trying again later: {}", e.toString());
        }
    }

    boolean isTtlIndexReady() {
        return ttlIndexReady;
    }

    private static Bson notDone(String id) {
        return Filters.and(Filters.eq(ID, id), Filters.nin(STATE, DONE));
    }

    private static LedgerEntry entry(Document doc) {
        Number attempts = doc.get(ATTEMPTS, Number.class);
        return new LedgerEntry(
                doc.getString(ID),
                DeliveryState.valueOf(doc.getString(STATE)),
                attempts == null ? 0 : attempts.intValue(),
                doc.getString(PROVIDER_MESSAGE_ID),
                doc.getString(LAST_ERROR));
    }
}
