package com.boxncase.invites.api.user;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.boxncase.invites.api.web.KeysetCursor;
import com.boxncase.invites.document.InviteDocument;
import com.boxncase.invites.document.InviteStatus;
import com.boxncase.invites.support.RequiredIndexes;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The admin users that accepted invites: the invites in status ACCEPTED, each written by its acceptance in one
 * write (so no crash and no forged event can make one without the other). The expiry-worker's purge keeps them.
 * Callers go through these methods only, so where the users are kept can change without touching them.
 */
@Component
public class AdminUsers implements RequiredIndexes {

    private final MongoTemplate mongo;

    AdminUsers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The index behind {@link #page}, for real MongoDB (the embedded wire server keeps only unique ones). */
    @Override
    public List<CollectionIndex> requiredIndexes() {
        return List.of(RequiredIndexes.on(
                InviteDocument.COLLECTION,
                new Index()
                        .on(InviteDocument.STORE_ID, Sort.Direction.ASC)
                        .on(InviteDocument.STATUS, Sort.Direction.ASC)
                        .on(InviteDocument.ACCEPTED_AT, Sort.Direction.DESC)
                        .on(InviteDocument.ID, Sort.Direction.DESC)
                        .named("store_users")));
    }

    /** The admin user an accepted invite made, or null when the invite is unknown or not accepted. */
    public AdminUser find(String inviteId) {
        Document invite = mongo.findOne(
                Query.query(where(InviteDocument.ID).is(inviteId)), Document.class, InviteDocument.COLLECTION);
        return invite == null || !InviteStatus.ACCEPTED.name().equals(invite.getString(InviteDocument.STATUS))
                ? null
                : of(invite);
    }

    /**
     * One page of a store's users, who joined most recently first, continuing after {@code after} (null for
     * the first page). Returns at most {@code limit} users.
     */
    public List<AdminUser> page(String storeId, KeysetCursor after, int limit) {
        Criteria criteria = where(InviteDocument.STORE_ID)
                .is(storeId)
                .and(InviteDocument.STATUS)
                .is(InviteStatus.ACCEPTED.name());
        if (after != null) {
            criteria = criteria.orOperator(
                    where(InviteDocument.ACCEPTED_AT).lt(after.at()),
                    where(InviteDocument.ACCEPTED_AT)
                            .is(after.at())
                            .and(InviteDocument.ID)
                            .lt(after.id()));
        }
        Query query = new Query(criteria)
                .with(Sort.by(Sort.Order.desc(InviteDocument.ACCEPTED_AT), Sort.Order.desc(InviteDocument.ID)))
                .limit(limit);
        for (String field : List.of(
                InviteDocument.ID,
                InviteDocument.STORE_ID,
                InviteDocument.EMAIL,
                InviteDocument.ROLE,
                InviteDocument.ACCEPTANCE)) {
            query.fields().include(field);
        }
        return mongo.find(query, Document.class, InviteDocument.COLLECTION).stream()
                .map(AdminUsers::of)
                .toList();
    }

    private static AdminUser of(Document invite) {
        Document acceptance = invite.get(InviteDocument.ACCEPTANCE, Document.class);
        Date acceptedAt = acceptance == null ? null : acceptance.getDate("acceptedAt");
        return AdminUser.of(
                invite.getString(InviteDocument.ID),
                invite.getString(InviteDocument.STORE_ID),
                invite.getString(InviteDocument.EMAIL),
                acceptance == null ? null : acceptance.getString("name"),
                invite.getString(InviteDocument.ROLE),
                acceptedAt == null ? null : acceptedAt.toInstant());
    }
}
