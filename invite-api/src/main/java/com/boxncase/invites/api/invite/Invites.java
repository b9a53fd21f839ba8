package com.boxncase.invites.api.invite;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.boxncase.invites.outbox.OutboxMessage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The invite documents. Reads by store always filter by store, so another store's invite is "not found". */
@Repository
class Invites {

    private static final Logger log = LoggerFactory.getLogger(Invites.class);

    private final MongoTemplate mongo;

    Invites(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Indexes for real MongoDB (the embedded wire server keeps only the unique ones). */
    @EventListener(ApplicationReadyEvent.class)
    void ensureIndexes() {
        try {
            IndexOperations indexes = mongo.indexOps(Invite.class);
            indexes.createIndex(new Index()
                    .on("storeId", Sort.Direction.ASC)
                    .on("status", Sort.Direction.ASC)
                    .on("createdAt", Sort.Direction.DESC)
                    .on("_id", Sort.Direction.DESC)
                    .named("pending_table"));
            indexes.createIndex(new Index()
                    .on("storeId", Sort.Direction.ASC)
                    .on("emailKey", Sort.Direction.ASC)
                    .named("email_search"));
            indexes.createIndex(new Index()
                    .on("link.tokenHash", Sort.Direction.ASC)
                    .unique()
                    .sparse()
                    .named("link_token"));
            indexes.createIndex(new Index()
                    .on("openKey", Sort.Direction.ASC)
                    .unique()
                    .sparse()
                    .named("one_open_invite"));
            indexes.createIndex(new Index()
                    .on("status", Sort.Direction.ASC)
                    .on("expiresAt", Sort.Direction.ASC)
                    .named("expiry"));
            indexes.createIndex(new Index()
                    .on("status", Sort.Direction.ASC)
                    .on("endedAt", Sort.Direction.ASC)
                    .named("purge"));
            indexes.createIndex(new Index()
                    .on("outbox.createdAt", Sort.Direction.ASC)
                    .sparse()
                    .named("outbox"));
        } catch (RuntimeException e) {
            log.warn("could not ensure invite indexes (will serve without them): {}", e.toString());
        }
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

    /**
     * One page of the pending table, newest first, continuing after {@code after} (keyset paging, no skip);
     * with an {@code emailPrefix} (lower case) only the invites whose {@code emailKey} starts with it.
     */
    List<Invite> page(String storeId, Set<InviteStatus> statuses, String emailPrefix, PageCursor after, int limit) {
        Criteria criteria = where("storeId").is(storeId).and("status").in(statuses);
        if (emailPrefix != null) {
            // An anchored regex of literal characters: real MongoDB turns it into a range on email_search.
            criteria = criteria.and("emailKey").regex("^" + literal(emailPrefix));
        }
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

    /** {@code text} with every character that is not a letter or digit escaped, so a regex matches it as is. */
    private static String literal(String text) {
        StringBuilder escaped = new StringBuilder(text.length() * 2);
        text.codePoints().forEach(c -> {
            if (!Character.isLetterOrDigit(c)) {
                escaped.append('\\');
            }
            escaped.appendCodePoint(c);
        });
        return escaped.toString();
    }

    /** Appends outbox messages without otherwise changing the invite (e.g. the audit of a link copy). */
    void enqueueOnly(String inviteId, List<OutboxMessage> messages) {
        Update update = new Update().inc("version", 1);
        update.push("outbox").each(messages.toArray());
        mongo.updateFirst(new Query(where("_id").is(inviteId)), update, Invite.class);
    }
}
