package com.boxncase.invites.api.user;

import com.boxncase.invites.document.InviteDocument;
import com.boxncase.invites.document.InviteStatus;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The admin users that accepted invites: the invites in status ACCEPTED, each written by its acceptance in one
 * write (so no crash and no forged event can make one without the other). The expiry-worker's purge keeps them.
 */
@Component
public class AdminUsers {

    private final MongoTemplate mongo;

    AdminUsers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The admin user an accepted invite made, or null when the invite is unknown or not accepted. */
    public AdminUser find(String inviteId) {
        Document invite = mongo.findOne(
                Query.query(Criteria.where(InviteDocument.ID).is(inviteId)), Document.class, InviteDocument.COLLECTION);
        return invite == null || !InviteStatus.ACCEPTED.name().equals(invite.getString(InviteDocument.STATUS))
                ? null
                : of(invite);
    }

    static AdminUser of(Document invite) {
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
