package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.InvitesProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
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
class BulkReplays {

    private static final Logger log = LoggerFactory.getLogger(BulkReplays.class);

    private final MongoTemplate mongo;
    private final Duration retention;

    BulkReplays(MongoTemplate mongo, InvitesProperties properties) {
        this.mongo = mongo;
        this.retention = properties.idempotencyRetention();
    }

    @Document("bulk_responses")
    record Answer(@Id String batchId, String response, Instant createdAt) {}

    @EventListener(ApplicationReadyEvent.class)
    void ensureIndexes() {
        try {
            mongo.indexOps(Answer.class)
                    .createIndex(new Index()
                            .on("createdAt", Sort.Direction.ASC)
                            .expire(retention.toSeconds(), TimeUnit.SECONDS)
                            .named("forget_after_retention"));
        } catch (RuntimeException e) {
            log.warn("could not ensure bulk answer index: {}", e.toString());
        }
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
