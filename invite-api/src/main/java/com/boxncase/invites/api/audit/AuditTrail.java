package com.boxncase.invites.api.audit;

import com.boxncase.invites.contracts.InviteEvent;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the audit trail (collection {@code audit}). An entry's id is its event's, so writing an event twice
 * leaves one entry: a duplicate key is the proof it is already there, not a failure.
 */
@Component
public class AuditTrail {

    /** MongoDB's code for a duplicate key. */
    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;

    AuditTrail(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Records one event at once (a link copy, which changes no invite state and so has no outbox message). */
    public void record(InviteEvent event) {
        try {
            mongo.insert(AuditEntry.of(event));
        } catch (DuplicateKeyException alreadyRecorded) {
            // the same event, recorded before
        }
    }

    /** Records a batch of events in one unordered bulk insert. */
    void recordAll(List<InviteEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        BulkOperations inserts = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, AuditEntry.class);
        inserts.insert(events.stream().map(AuditEntry::of).toList());
        try {
            inserts.execute();
        } catch (DuplicateKeyException | BulkOperationException e) {
            requireOnlyDuplicates(e);
        }
    }

    private static void requireOnlyDuplicates(RuntimeException e) {
        List<BulkWriteError> errors = e instanceof BulkOperationException bulk
                ? bulk.getErrors()
                : e.getCause() instanceof MongoBulkWriteException mongoBulk ? mongoBulk.getWriteErrors() : null;
        if (errors == null || errors.stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)) {
            throw e;
        }
    }
}
