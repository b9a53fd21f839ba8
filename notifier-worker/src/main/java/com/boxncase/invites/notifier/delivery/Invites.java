package com.boxncase.invites.notifier.delivery;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Read-only view of the invite documents (collection {@code invites}, owned by invite-api): whether a
 * command may still be sent.
 */
@Component
class Invites {

    private final MongoTemplate mongo;

    Invites(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Why the command must not be sent, or null when the invite is pending and {@code linkId} is its live link. */
    String reasonNotToSend(String inviteId, String linkId) {
        Query query = Query.query(Criteria.where("_id").is(inviteId));
        query.fields().include("status").include("link.id");
        Document invite = mongo.findOne(query, Document.class, "invites");
        if (invite == null) {
            return "invite deleted";
        }
        String status = invite.getString("status");
        if (!"PENDING".equals(status)) {
            return "invite is " + status;
        }
        Document link = invite.get("link", Document.class);
        String liveLinkId = link == null ? null : link.getString("id");
        if (liveLinkId == null || !liveLinkId.equals(linkId)) {
            return "link replaced by a newer one";
        }
        return null;
    }
}
