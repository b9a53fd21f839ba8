package com.boxncase.invites.api.invite.imports;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.boxncase.invites.api.invite.BulkProperties;
import com.boxncase.invites.api.invite.imports.InviteImport.State;
import com.boxncase.invites.support.RequiredIndexes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The import documents and their per-batch results. Every change of an import is one conditional single-document
 * write: a claim takes an open import whose lease has passed; progress, finishing and releasing are accepted only
 * from the holder of the current lease ({@code lease.token}); a cancel is accepted while the import is open.
 */
@Repository
class InviteImports implements RequiredIndexes {

    private static final FindAndModifyOptions RETURN_NEW =
            FindAndModifyOptions.options().returnNew(true);

    private final MongoTemplate mongo;
    private final Duration retention;

    InviteImports(MongoTemplate mongo, BulkProperties properties) {
        this.mongo = mongo;
        this.retention = properties.imports().retention();
    }

    /** Indexes for real MongoDB: claiming, a store's list, and forgetting finished imports after the retention. */
    @Override
    public List<CollectionIndex> requiredIndexes() {
        return List.of(
                RequiredIndexes.on(
                        InviteImport.COLLECTION,
                        new Index()
                                .on(InviteImport.STATE, Sort.Direction.ASC)
                                .on(InviteImport.LEASE_UNTIL, Sort.Direction.ASC)
                                .named("claimable")),
                RequiredIndexes.on(
                        InviteImport.COLLECTION,
                        new Index()
                                .on(InviteImport.STORE_ID, Sort.Direction.ASC)
                                .on(InviteImport.CREATED_AT, Sort.Direction.DESC)
                                .named("store_imports")),
                RequiredIndexes.on(
                        InviteImport.COLLECTION,
                        new Index()
                                .on(InviteImport.FINISHED_AT, Sort.Direction.ASC)
                                .expire(retention.toSeconds(), TimeUnit.SECONDS)
                                .named("forget_after_retention")),
                RequiredIndexes.on(
                        ImportResults.COLLECTION,
                        new Index()
                                .on(ImportResults.CREATED_AT, Sort.Direction.ASC)
                                .expire(retention.toSeconds(), TimeUnit.SECONDS)
                                .named("forget_after_retention")));
    }

    void insert(InviteImport created) {
        mongo.insert(created);
    }

    Optional<InviteImport> find(String storeId, String importId) {
        return Optional.ofNullable(mongo.findById(importId, InviteImport.class))
                .filter(found -> found.storeId().equals(storeId));
    }

    /** A store's imports, newest first. */
    List<InviteImport> recent(String storeId, int limit) {
        return mongo.find(
                new Query(where(InviteImport.STORE_ID).is(storeId))
                        .with(Sort.by(Sort.Direction.DESC, InviteImport.CREATED_AT))
                        .limit(limit),
                InviteImport.class);
    }

    /**
     * Takes the oldest open import that no live instance holds, for {@code lease} from {@code now}: a new one, or
     * one whose holder died (its lease passed). Each claim gets a new lease token.
     */
    Optional<InviteImport> claim(String owner, Instant now, Duration lease) {
        Query claimable = new Query(new Criteria()
                        .andOperator(
                                where(InviteImport.STATE).in(State.OPEN),
                                new Criteria()
                                        .orOperator(
                                                where(InviteImport.LEASE).isNull(),
                                                where(InviteImport.LEASE_UNTIL).lt(now))))
                .with(Sort.by(InviteImport.CREATED_AT));
        Update take = new Update()
                .set(InviteImport.STATE, State.RUNNING)
                .set(
                        InviteImport.LEASE,
                        new InviteImport.Lease(owner, UUID.randomUUID().toString(), now.plus(lease)))
                .set(InviteImport.UPDATED_AT, now)
                .inc(InviteImport.ATTEMPTS, 1);
        return Optional.ofNullable(mongo.findAndModify(claimable, take, RETURN_NEW, InviteImport.class));
    }

    /**
     * Records a processed batch and renews the lease. Empty when the lease was lost (the import is another
     * instance's now): the caller must stop. The returned import may be CANCELLED: the caller stops then too.
     */
    Optional<InviteImport> progress(
            InviteImport held, int rowsRead, int created, int failed, Instant now, Duration lease) {
        Update update = new Update()
                .set(InviteImport.ROWS_READ, rowsRead)
                .set(InviteImport.CREATED, created)
                .set(InviteImport.FAILED, failed)
                .set(InviteImport.ATTEMPTS, 0)
                .set(InviteImport.LEASE_UNTIL, now.plus(lease))
                .set(InviteImport.UPDATED_AT, now);
        return Optional.ofNullable(mongo.findAndModify(byHolder(held), update, RETURN_NEW, InviteImport.class));
    }

    /** Every row was processed. False when the lease was lost or the import was cancelled meanwhile. */
    boolean finish(InviteImport held, Instant now) {
        Query query = byHolder(held).addCriteria(where(InviteImport.STATE).is(State.RUNNING));
        Update update = new Update()
                .set(InviteImport.STATE, State.DONE)
                .set(InviteImport.FINISHED_AT, now)
                .set(InviteImport.UPDATED_AT, now)
                .unset(InviteImport.LEASE);
        return mongo.updateFirst(query, update, InviteImport.class).getModifiedCount() == 1;
    }

    /** Gives up an import that failed every time it was taken up. */
    void fail(InviteImport held, String error, Instant now) {
        Update update = new Update()
                .set(InviteImport.STATE, State.FAILED)
                .set(InviteImport.ERROR, error)
                .set(InviteImport.FINISHED_AT, now)
                .set(InviteImport.UPDATED_AT, now)
                .unset(InviteImport.LEASE);
        mongo.updateFirst(byHolder(held), update, InviteImport.class);
    }

    /** This instance stops (shutting down): another instance, or this one after a restart, may resume at once. */
    void release(InviteImport held) {
        mongo.updateFirst(
                byHolder(held), new Update().set(InviteImport.LEASE_UNTIL, Instant.EPOCH), InviteImport.class);
    }

    /** Cancels an open import; empty when the import was not open (finished already, or unknown). */
    Optional<InviteImport> cancel(String storeId, String importId, Instant now) {
        Query open = new Query(where(InviteImport.ID)
                .is(importId)
                .and(InviteImport.STORE_ID)
                .is(storeId)
                .and(InviteImport.STATE)
                .in(State.OPEN));
        Update update = new Update()
                .set(InviteImport.STATE, State.CANCELLED)
                .set(InviteImport.FINISHED_AT, now)
                .set(InviteImport.UPDATED_AT, now);
        return Optional.ofNullable(mongo.findAndModify(open, update, RETURN_NEW, InviteImport.class));
    }

    /** Keeps a batch's results, replacing those of an earlier run of the same batch. */
    void saveResults(ImportResults results) {
        mongo.save(results);
    }

    /**
     * The results of an import's batches from the one holding row {@code fromRow} on, in file order, streamed (one
     * batch document in memory at a time). The caller closes the stream.
     */
    Stream<ImportResults> results(InviteImport of, int fromRow) {
        Query query = new Query(where(InviteImport.ID)
                        .gte(ImportResults.id(of.id(), fromRow - fromRow % of.batchSize()))
                        .lt(ImportResults.idsPast(of.id())))
                .with(Sort.by(InviteImport.ID));
        return mongo.stream(query, ImportResults.class);
    }

    private static Query byHolder(InviteImport held) {
        return new Query(where(InviteImport.ID)
                .is(held.id())
                .and(InviteImport.LEASE_TOKEN)
                .is(held.lease().token()));
    }
}
