package com.boxncase.invites.api.invite;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.boxncase.invites.outbox.OutboxMessage;
import com.boxncase.invites.support.RequiredIndexes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The invite documents. Reads by store always filter by store, so another store's invite is "not found". */
@Repository
class Invites implements RequiredIndexes {

    private final MongoTemplate mongo;

    Invites(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Indexes for real MongoDB (the embedded wire server keeps only the unique ones), created by service-support's
     * {@code IndexPlan} before the service reports ready.
     */
    @Override
    public List<RequiredIndexes.CollectionIndex> requiredIndexes() {
        String invites = mongo.getCollectionName(Invite.class);
        return Stream.of(
                        new Index()
                                .on("storeId", Sort.Direction.ASC)
                                .on("status", Sort.Direction.ASC)
                                .on("createdAt", Sort.Direction.DESC)
                                .on("_id", Sort.Direction.DESC)
                                .named("pending_table"),
                        new Index()
                                .on("link.tokenHash", Sort.Direction.ASC)
                                .unique()
                                .sparse()
                                .named("link_token"),
                        new Index()
                                .on("openKey", Sort.Direction.ASC)
                                .unique()
                                .sparse()
                                .named("one_open_invite"),
                        new Index()
                                .on("status", Sort.Direction.ASC)
                                .on("expiresAt", Sort.Direction.ASC)
                                .named("expiry"),
                        new Index()
                                .on("status", Sort.Direction.ASC)
                                .on("endedAt", Sort.Direction.ASC)
                                .named("purge"),
                        new Index()
                                .on("outbox.createdAt", Sort.Direction.ASC)
                                .sparse()
                                .named("outbox"))
                .map(index -> RequiredIndexes.on(invites, index))
                .toList();
    }

    void insert(Invite invite) {
        mongo.insert(invite);
    }

    /** Writes the invite back if nobody else wrote it since it was read; else OptimisticLockingFailure. */
    Invite save(Invite invite) {
        return mongo.save(invite);
    }

    Optional<Invite> find(String storeId, String inviteId) {
        return Optional.ofNullable(
                mongo.findOne(new Query(where("_id").is(inviteId).and("storeId").is(storeId)), Invite.class));
    }

    Optional<Invite> findById(String inviteId) {
        return Optional.ofNullable(mongo.findById(inviteId, Invite.class));
    }

    Optional<Invite> findOpen(String storeId, String email) {
        return Optional.ofNullable(
                mongo.findOne(new Query(where("openKey").is(Invite.openKey(storeId, email))), Invite.class));
    }

    Optional<Invite> findByTokenHash(String tokenHash) {
        return Optional.ofNullable(
                mongo.findOne(new Query(where("link.tokenHash").is(tokenHash)), Invite.class));
    }

    /** One page of the pending table, newest first, continuing after {@code after} (keyset paging, no skip). */
    List<Invite> page(String storeId, Set<InviteStatus> statuses, PageCursor after, int limit) {
        Criteria criteria = where("storeId").is(storeId).and("status").in(statuses);
        if (after != null) {
            criteria = criteria.orOperator(
                    where("createdAt").lt(after.createdAt()),
                    where("createdAt").is(after.createdAt()).and("_id").lt(after.id()));
        }
        Query query = new Query(criteria)
                .with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
                .limit(limit);
        return mongo.find(query, Invite.class);
    }

    /** Appends outbox messages without otherwise changing the invite (e.g. the audit of a link copy). */
    void enqueueOnly(String inviteId, List<OutboxMessage> messages) {
        Update update = new Update().inc("version", 1);
        update.push("outbox").each(messages.toArray());
        mongo.updateFirst(new Query(where("_id").is(inviteId)), update, Invite.class);
    }
}
