package com.boxncase.invites.api.invite;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.boxncase.invites.api.InvitesProperties;
import com.boxncase.invites.support.RequiredIndexes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key} handling without transactions. The key is claimed first, together with the id the
 * operation will use (an invite id or a command id); the operation itself is then idempotent on that id. A
 * retry after a crash between the two steps finds the claim and completes the same operation.
 */
@Component
class IdempotencyKeys implements RequiredIndexes {

    private final MongoTemplate mongo;
    private final Duration retention;

    IdempotencyKeys(MongoTemplate mongo, InvitesProperties properties) {
        this.mongo = mongo;
        this.retention = properties.idempotencyRetention();
    }

    @Document("idempotency_keys")
    record Claim(@Id String id, String requestHash, String operationId, Instant createdAt) {}

    /** Claims are forgotten after the retention (TTL index), created by service-support's {@code IndexPlan}. */
    @Override
    public List<RequiredIndexes.CollectionIndex> requiredIndexes() {
        return List.of(RequiredIndexes.on(
                mongo.getCollectionName(Claim.class),
                new Index()
                        .on("createdAt", Sort.Direction.ASC)
                        .expire(retention.toSeconds(), TimeUnit.SECONDS)
                        .named("forget_after_retention")));
    }

    /**
     * Claims {@code key} for this request, proposing {@code operationId}. Returns the operation id to use:
     * the proposed one for a new key, the first request's for a repeat with the same body.
     *
     * @throws InviteProblems.IdempotencyKeyReused when the key was used with a different body
     */
    String claim(String scope, String key, String requestBody, String operationId, Instant now) {
        String id = scope + "|" + key;
        String requestHash = sha256(requestBody);
        try {
            mongo.insert(new Claim(id, requestHash, operationId, now));
            return operationId;
        } catch (DuplicateKeyException repeated) {
            Claim first = mongo.findById(id, Claim.class);
            if (first == null || first.createdAt().isBefore(now.minus(retention))) {
                mongo.remove(new Query(where("_id").is(id)), Claim.class);
                return claim(scope, key, requestBody, operationId, now);
            }
            if (!first.requestHash().equals(requestHash)) {
                throw new InviteProblems.IdempotencyKeyReused();
            }
            return first.operationId();
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
