package com.boxncase.invites.api.delivery;

import static com.boxncase.invites.document.InviteDocument.COMMAND_ID;
import static com.boxncase.invites.document.InviteDocument.COMMAND_REASON;
import static com.boxncase.invites.document.InviteDocument.DELIVERIES;
import static com.boxncase.invites.document.InviteDocument.ID;
import static com.boxncase.invites.document.InviteDocument.REMINDER_COMMAND_ID;
import static com.boxncase.invites.document.InviteDocument.REMINDER_DELIVERIES;
import static com.boxncase.invites.document.InviteDocument.SENT_COMMAND_ID;
import static com.boxncase.invites.document.InviteDocument.VERSION;

import com.boxncase.invites.contracts.DeliveryStatusChanged;
import com.boxncase.invites.document.InviteDocument;
import com.boxncase.invites.document.InviteSnapshot;
import com.boxncase.invites.outbox.OutboxRelay;
import com.mongodb.bulk.BulkWriteResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Applies delivery-status events to their invites' pending-table rows: one {@code $in} read of the invites, the
 * forward-only rule folded in memory ({@link DeliveryFold}), then one unordered bulk with at most one update per
 * invite, by {@code _id}. Each update still carries its conditions (the command is current, each delivery only
 * moves forward, a send is counted once), so a writer that changed the invite since the read - a resend, an SMS
 * callback - makes that update match nothing; those invites are read again and folded anew.
 *
 * <p>The update also removes the invite's outbox messages that Kafka has acknowledged meanwhile (see
 * {@link OutboxRelay#takeAcknowledged}), so the relay needs no write of its own for them.
 */
@Component
public class DeliveryStatuses {

    private static final Logger log = LoggerFactory.getLogger(DeliveryStatuses.class);
    private static final int MAX_ROUNDS = 5;
    private static final List<String> READ_FIELDS = List.of(
            COMMAND_ID, COMMAND_REASON, DELIVERIES, REMINDER_COMMAND_ID, REMINDER_DELIVERIES, SENT_COMMAND_ID, VERSION);

    private final MongoTemplate mongo;
    private final OutboxRelay relay;

    DeliveryStatuses(MongoTemplate mongo, OutboxRelay relay) {
        this.mongo = mongo;
        this.relay = relay;
    }

    /** Applies {@code events} (in the order they happened per invite). Returns how many invites changed. */
    public int apply(List<DeliveryStatusChanged> events) {
        Map<String, List<DeliveryStatusChanged>> byInvite = new LinkedHashMap<>();
        for (DeliveryStatusChanged event : events) {
            byInvite.computeIfAbsent(event.inviteId(), id -> new ArrayList<>()).add(event);
        }
        int changed = 0;
        for (int round = 1; !byInvite.isEmpty(); round++) {
            Map<String, DeliveryFold> folds = fold(byInvite);
            RoundResult result = write(folds);
            changed += result.applied();
            if (result.applied() == folds.size()) {
                return changed;
            }
            if (round == MAX_ROUNDS) {
                throw new IllegalStateException("delivery statuses of " + folds.size()
                        + " invite(s) kept conflicting with other writes after " + MAX_ROUNDS + " rounds");
            }
            // Some invites changed since they were read: fold their events again on a fresh read. Events already
            // applied are no-ops the second time (their progress is no longer ahead).
            byInvite.keySet().retainAll(folds.keySet());
            log.debug("{} invite(s) changed under the projection; folding again", folds.size() - result.applied());
        }
        return changed;
    }

    private Map<String, DeliveryFold> fold(Map<String, List<DeliveryStatusChanged>> byInvite) {
        Query query = Query.query(Criteria.where(ID).in(byInvite.keySet()));
        READ_FIELDS.forEach(field -> query.fields().include(field));
        Map<String, DeliveryFold> folds = new LinkedHashMap<>();
        for (Document stored : mongo.find(query, Document.class, InviteDocument.COLLECTION)) {
            InviteSnapshot invite = InviteSnapshot.fromDocument(stored);
            DeliveryFold fold = DeliveryFold.of(invite, byInvite.get(invite.id()));
            if (fold.changes()) {
                folds.put(invite.id(), fold);
            }
        }
        return folds;
    }

    private record RoundResult(int applied) {}

    private RoundResult write(Map<String, DeliveryFold> folds) {
        if (folds.isEmpty()) {
            return new RoundResult(0);
        }
        BulkOperations updates = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, InviteDocument.COLLECTION);
        Map<String, List<String>> removals = new LinkedHashMap<>();
        folds.forEach((inviteId, fold) -> {
            List<String> acknowledged = relay.takeAcknowledged(inviteId);
            if (!acknowledged.isEmpty()) {
                removals.put(inviteId, acknowledged);
            }
            updates.updateOne(fold.condition(), fold.update(acknowledged));
        });
        BulkWriteResult result;
        try {
            result = updates.execute();
        } catch (RuntimeException e) {
            removals.forEach(relay::giveBack);
            throw e;
        }
        if (result.getMatchedCount() == folds.size()) {
            removals.values().forEach(relay::removed);
        } else {
            // Which update missed is not reported per operation: let the relay make sure of every removal.
            removals.forEach(relay::giveBack);
        }
        return new RoundResult(result.getMatchedCount());
    }
}
