package com.boxncase.invites.notifier.ledger;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The idempotency ledger, collection {@code notify_ledger}: one document per command and channel
 * ({@code _id = commandId + ":" + channel}). An attempt is recorded before the side effect and its outcome
 * after it, each with one single-document write, so a redelivered command that was already sent, failed or
 * skipped is recognised and not sent again.
 */
@Component
public class NotifyLedger {

    static final String COLLECTION = "notify_ledger";

    private static final List<String> DONE =
            List.of(DeliveryState.SENT.name(), DeliveryState.FAILED.name(), DeliveryState.SKIPPED.name());

    private final MongoTemplate mongo;

    NotifyLedger(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<LedgerEntry> find(String commandId, Channel channel) {
        return Optional.ofNullable(mongo.findById(id(commandId, channel), Document.class, COLLECTION))
                .map(NotifyLedger::entry);
    }

    /**
     * Records the start of an attempt, atomically and only while the command is not done.
     *
     * @return the attempt number (1 for the first), or empty when the command is already done
     */
    public Optional<Integer> beginAttempt(String commandId, Channel channel, String inviteId) {
        Query open = Query.query(
                Criteria.where("_id").is(id(commandId, channel)).and("state").nin(DONE));
        Update update = new Update()
                .set("state", DeliveryState.SENDING.name())
                .set("inviteId", inviteId)
                .set("commandId", commandId)
                .set("channel", channel.name())
                .set("updatedAt", Instant.now())
                .inc("attempts", 1);
        try {
            Document after = mongo.findAndModify(
                    open,
                    update,
                    FindAndModifyOptions.options().upsert(true).returnNew(true),
                    Document.class,
                    COLLECTION);
            return Optional.of(after.getInteger("attempts"));
        } catch (DuplicateKeyException alreadyDone) {
            return Optional.empty();
        }
    }

    /** Records an outcome; a terminal outcome is never overwritten by a later one. */
    public void record(String commandId, Channel channel, DeliveryState state, String providerMessageId, String error) {
        Query notDone = Query.query(
                Criteria.where("_id").is(id(commandId, channel)).and("state").nin(DONE));
        Update update = new Update()
                .set("state", state.name())
                .set("commandId", commandId)
                .set("channel", channel.name())
                .set("updatedAt", Instant.now());
        if (providerMessageId != null) {
            update.set("providerMessageId", providerMessageId);
        }
        if (error != null) {
            update.set("lastError", error);
        }
        try {
            mongo.upsert(notDone, update, COLLECTION);
        } catch (DuplicateKeyException alreadyDone) {
            // A terminal outcome is already recorded; it stands.
        }
    }

    private static String id(String commandId, Channel channel) {
        return commandId + ":" + channel.name();
    }

    private static LedgerEntry entry(Document doc) {
        Integer attempts = doc.getInteger("attempts");
        return new LedgerEntry(
                DeliveryState.valueOf(doc.getString("state")),
                attempts == null ? 0 : attempts,
                doc.getString("providerMessageId"),
                doc.getString("lastError"));
    }
}
