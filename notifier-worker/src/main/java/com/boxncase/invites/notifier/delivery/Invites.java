package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.document.InviteDocument;
import com.boxncase.invites.document.InviteSnapshot;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-only view of the invite documents (collection {@value InviteDocument#COLLECTION}, written by invite-api and
 * expiry-worker): everything a delivery needs, for a whole batch in one read by {@code _id}.
 */
@Component
class Invites {

    private static final Bson UNREAD = Projections.exclude(InviteSnapshot.UNREAD_FIELDS);

    private final MongoCollection<Document> invites;

    Invites(MongoTemplate mongo) {
        this.invites = mongo.getCollection(InviteDocument.COLLECTION);
    }

    /** The invites of {@code ids} that exist, by id. */
    Map<String, InviteSnapshot> find(Collection<String> ids) {
        Map<String, InviteSnapshot> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        for (Document doc : invites.find(Filters.in(InviteDocument.ID, ids)).projection(UNREAD)) {
            InviteSnapshot invite = InviteSnapshot.fromDocument(doc);
            found.put(invite.id(), invite);
        }
        return found;
    }
}
