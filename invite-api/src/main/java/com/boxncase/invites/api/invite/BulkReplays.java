package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.InvitesProperties;
import com.boxncase.invites.support.RequiredIndexes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/**
 * The answers of bulk requests sent with an {@code Idempotency-Key}, kept as sent for as long as the key is
 * remembered, so a retry gets the first answer whole (the same statuses, the same invites as they were then). An
 * answer is kept after the rows were written; a retry that comes before (the first attempt died, or is still
 * running) does the rows again with the same invite ids, and finds the invites already created.
 */
@Component
class BulkReplays implements RequiredIndexes {

    static final String COLLECTION = "bulk_responses";

    private final MongoTemplate mongo;
    private final Duration retention;

    BulkReplays(MongoTemplate mongo, InvitesProperties properties) {
        this.mongo = mongo;
        this.retention = properties.idempotencyRetention();
    }

    @Document(COLLECTION)
    record Answer(@Id String batchId, String response, Instant createdAt) {}

    /** Stored answers are forgotten after the idempotency retention (created by service-support's index plan). */
    @Override
    public List<CollectionIndex> requiredIndexes() {
        return List.of(RequiredIndexes.on(
                COLLECTION,
                new Index()
                        .on("createdAt", Sort.Direction.ASC)
                        .expire(retention.toSeconds(), TimeUnit.SECONDS)
                        .named("forget_after_retention")));
    }

    Optional<String> find(String batchId) {
        return Optional.ofNullable(mongo.findById(batchId, Answer.class)).map(Answer::response);
    }

    void keep(String batchId, String response, Instant now) {
        try {
            mongo.insert(new Answer(batchId, response, now));
        } catch (DuplicateKeyException concurrentRetry) {
            // a retry that ran alongside the first attempt kept its answer first; both are true of the same rows
        }
    }
}
