package com.boxncase.invites.api.invite;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.boxncase.invites.document.InviteDocument;
import com.boxncase.invites.document.InviteStatus;
import com.boxncase.invites.outbox.Outbox;
import com.boxncase.invites.support.RequiredIndexes;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The invite documents, and the one write path every use case goes through: {@link #insertAll} new invites (a
 * single create too, through {@link SharedInserts}, with whatever other creates are waiting), or {@link #change}
 * one (read, change in memory, write back only if nobody else wrote it since, retry on the fresh document
 * otherwise), each handing the write's outbox messages to the relay once MongoDB acknowledged it.
 *
 * <p>Reads by store filter by {@code _id} only and check the store in memory: the key every hot-path query uses is
 * the one the collection is sharded on, and another store's invite is "not found".
 */
@Repository
class Invites implements RequiredIndexes {

    private static final Logger log = LoggerFactory.getLogger(Invites.class);
    private static final int MAX_WRITE_ATTEMPTS = 5;
    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;
    private final Outbox outbox;

    Invites(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    /**
     * Indexes for real MongoDB (the embedded wire server keeps only the unique ones), created by service-support's
     * index plan before the service reports ready.
     */
    @Override
    public List<CollectionIndex> requiredIndexes() {
        return Stream.of(
                        new Index()
                                .on(InviteDocument.STORE_ID, Sort.Direction.ASC)
                                .on(InviteDocument.STATUS, Sort.Direction.ASC)
                                .on(InviteDocument.CREATED_AT, Sort.Direction.DESC)
                                .on(InviteDocument.ID, Sort.Direction.DESC)
                                .named("pending_table"),
                        new Index()
                                .on(InviteDocument.STORE_ID, Sort.Direction.ASC)
                                .on(InviteDocument.EMAIL_KEY, Sort.Direction.ASC)
                                .named("email_search"),
                        new Index()
                                .on(InviteDocument.LINK_TOKEN_HASH, Sort.Direction.ASC)
                                .unique()
                                .sparse()
                                .named("link_token"),
                        new Index()
                                .on(InviteDocument.OPEN_KEY, Sort.Direction.ASC)
                                .unique()
                                .sparse()
                                .named("one_open_invite"),
                        new Index()
                                .on(InviteDocument.STATUS, Sort.Direction.ASC)
                                .on(InviteDocument.EXPIRES_AT, Sort.Direction.ASC)
                                .named("expiry"),
                        new Index()
                                .on(InviteDocument.STATUS, Sort.Direction.ASC)
                                .on(InviteDocument.ENDED_AT, Sort.Direction.ASC)
                                .named("purge"),
                        new Index()
                                .on(InviteDocument.OUTBOX + ".createdAt", Sort.Direction.ASC)
                                .sparse()
                                .named("outbox"))
                .map(index -> RequiredIndexes.on(InviteDocument.COLLECTION, index))
                .toList();
    }

    /**
     * Writes many new invites in one unordered bulk insert (one round trip however many there are; the driver splits
     * only past MongoDB's message size) and hands each written invite's outbox to the relay. Returns one outcome per
     * invite, in the order given. A refused document fails only itself: a duplicate {@code _id} means the same
     * invite was created before (replays and resumed imports use deterministic ids), a duplicate {@code openKey}
     * that the store has an open invite for that email. The refused ones are told apart with one {@code $in} read by
     * {@code _id} and, for the rest, one by {@code openKey}, rather than by parsing MongoDB's error messages.
     */
    List<InsertOutcome> insertAll(List<Invite> batch) {
        InsertOutcome[] outcomes = new InsertOutcome[batch.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            pending.add(i);
        }
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<Integer> offered = pending;
            List<Document> documents = new ArrayList<>(offered.size());
            for (int i : offered) {
                Document document = new Document();
                mongo.getConverter().write(batch.get(i), document);
                // what mongo.insert does for a new versioned entity: later conditional writes start from 0
                document.putIfAbsent(InviteDocument.VERSION, 0L);
                documents.add(document);
            }
            Map<Integer, BulkWriteError> refused = new HashMap<>();
            try {
                mongo.getCollection(InviteDocument.COLLECTION)
                        .insertMany(documents, new InsertManyOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                if (e.getWriteConcernError() != null) {
                    throw e; // written, but not as durably as asked: like any failed write, the caller may retry
                }
                e.getWriteErrors().forEach(error -> refused.put(offered.get(error.getIndex()), error));
            }
            List<Invite> duplicates = new ArrayList<>();
            for (int i : pending) {
                Invite invite = batch.get(i);
                BulkWriteError error = refused.get(i);
                if (error == null) {
                    outcomes[i] = InsertOutcome.inserted(invite);
                    outbox.written(invite.id(), invite.addedMessages());
                } else if (error.getCode() == DUPLICATE_KEY) {
                    duplicates.add(invite);
                } else {
                    outcomes[i] = InsertOutcome.notStored(invite, error.getMessage());
                }
            }
            Map<String, InsertOutcome> resolved = resolveDuplicates(duplicates);
            List<Integer> retry = new ArrayList<>();
            for (int i : pending) {
                if (outcomes[i] == null) {
                    InsertOutcome outcome = resolved.get(batch.get(i).id());
                    if (outcome != null) {
                        outcomes[i] = outcome;
                    } else if (attempt == MAX_WRITE_ATTEMPTS) {
                        outcomes[i] = InsertOutcome.notStored(batch.get(i), "its conflict kept changing; retry");
                    } else {
                        retry.add(i); // the conflicting open invite ended in between: this one may be written now
                    }
                }
            }
            pending = retry;
        }
        return List.of(outcomes);
    }

    /**
     * The outcome of each invite refused as a duplicate, by invite id; none for an invite whose conflict was gone by
     * the time of the read (the open invite for that email was accepted or revoked in between).
     */
    private Map<String, InsertOutcome> resolveDuplicates(List<Invite> duplicates) {
        Map<String, InsertOutcome> outcomes = new HashMap<>();
        if (duplicates.isEmpty()) {
            return outcomes;
        }
        Query byId = new Query(
                where(InviteDocument.ID).in(duplicates.stream().map(Invite::id).toList()));
        byId.fields().exclude(InviteDocument.OUTBOX).exclude(InviteDocument.RESEND_TIMES);
        Map<String, Invite> sameId = new HashMap<>();
        mongo.find(byId, Invite.class).forEach(stored -> sameId.put(stored.id(), stored));
        List<String> openKeys = duplicates.stream()
                .filter(invite -> !sameId.containsKey(invite.id()))
                .map(Invites::openKey)
                .toList();
        Map<String, Document> openByKey = new HashMap<>();
        if (!openKeys.isEmpty()) {
            Query byOpenKey = new Query(where(InviteDocument.OPEN_KEY).in(openKeys));
            byOpenKey
                    .fields()
                    .include(InviteDocument.ID)
                    .include(InviteDocument.OPEN_KEY)
                    .include(InviteDocument.CREATED_AT);
            mongo.find(byOpenKey, Document.class, InviteDocument.COLLECTION)
                    .forEach(open -> openByKey.put(open.getString(InviteDocument.OPEN_KEY), open));
        }
        for (Invite invite : duplicates) {
            Invite stored = sameId.get(invite.id());
            Document existing = openByKey.get(openKey(invite));
            if (stored != null) {
                outcomes.put(
                        invite.id(),
                        stored.storeId().equals(invite.storeId())
                                ? InsertOutcome.createdBefore(stored)
                                : InsertOutcome.notStored(invite, "the invite id is taken"));
            } else if (existing != null) {
                Date createdAt = existing.getDate(InviteDocument.CREATED_AT);
                outcomes.put(
                        invite.id(),
                        InsertOutcome.openInviteExists(
                                invite,
                                String.valueOf(existing.get(InviteDocument.ID)),
                                createdAt == null ? null : createdAt.toInstant()));
            }
        }
        return outcomes;
    }

    /**
     * Applies {@code change} to the freshly read invite and writes it back, retrying on the fresh document when
     * another writer got there first. {@code change} returns false when there is nothing to write; it may throw
     * to refuse. Returns the invite as written (or as read, when nothing changed).
     */
    Invite change(Supplier<Invite> read, Predicate<Invite> change) {
        for (int attempt = 1; ; attempt++) {
            Invite invite = read.get();
            if (!change.test(invite)) {
                return invite;
            }
            try {
                Invite saved = mongo.save(invite);
                outbox.written(saved.id(), invite.addedMessages());
                return saved;
            } catch (OptimisticLockingFailureException concurrent) {
                if (attempt == MAX_WRITE_ATTEMPTS) {
                    throw concurrent;
                }
            }
        }
    }

    private static String openKey(Invite invite) {
        return InviteDocument.openKey(invite.storeId(), Invite.emailKey(invite.email()));
    }

    Optional<Invite> find(String storeId, String inviteId) {
        return findById(inviteId).filter(invite -> invite.storeId().equals(storeId));
    }

    Optional<Invite> findById(String inviteId) {
        return Optional.ofNullable(mongo.findById(inviteId, Invite.class));
    }

    Optional<Invite> findByTokenHash(String tokenHash) {
        return Optional.ofNullable(
                mongo.findOne(new Query(where(InviteDocument.LINK_TOKEN_HASH).is(tokenHash)), Invite.class));
    }

    /**
     * One page of the pending table, newest first, continuing after {@code after} (keyset paging, no skip);
     * with an {@code emailPrefix} (lower case) only the invites whose {@code emailKey} starts with it. The invites
     * come without their outbox: they are for showing, never to be written back.
     */
    List<Invite> page(String storeId, Set<InviteStatus> statuses, String emailPrefix, PageCursor after, int limit) {
        Criteria criteria = where(InviteDocument.STORE_ID)
                .is(storeId)
                .and(InviteDocument.STATUS)
                .in(statuses);
        if (emailPrefix != null) {
            // An anchored regex of literal characters: real MongoDB turns it into a range on email_search.
            criteria = criteria.and(InviteDocument.EMAIL_KEY).regex("^" + literal(emailPrefix));
        }
        if (after != null) {
            criteria = criteria.orOperator(
                    where(InviteDocument.CREATED_AT).lt(after.createdAt()),
                    where(InviteDocument.CREATED_AT)
                            .is(after.createdAt())
                            .and(InviteDocument.ID)
                            .lt(after.id()));
        }
        Query query = new Query(criteria)
                .with(Sort.by(Sort.Order.desc(InviteDocument.CREATED_AT), Sort.Order.desc(InviteDocument.ID)))
                .limit(limit);
        query.fields().exclude(InviteDocument.OUTBOX).exclude(InviteDocument.RESEND_TIMES);
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
}
