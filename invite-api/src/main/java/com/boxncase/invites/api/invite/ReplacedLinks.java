package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.InvitesProperties;
import com.boxncase.invites.support.RequiredIndexes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Repository;

/**
 * Links that a resend replaced, so that an invitee who opens an older message is told a newer invitation exists
 * instead of "not valid" ({@code replaced_links}, {@code _id} = the old token's SHA-256, as the invite's
 * {@code link.tokenHash} was). Only unknown tokens look here, by {@code _id}; entries expire through a TTL index
 * ({@code invites.links.replaced-retention}).
 *
 * <p>Written after the invite's own write, not in it: the invite document stays the one place of the invite's
 * state, and a crash in between loses only this friendlier answer (the old link is refused either way).
 */
@Repository
class ReplacedLinks implements RequiredIndexes {

    static final String COLLECTION = "replaced_links";

    @Document(COLLECTION)
    record ReplacedLink(@Id String tokenHash, String inviteId, Instant replacedAt) {}

    private final MongoTemplate mongo;
    private final InvitesProperties.Links settings;

    ReplacedLinks(MongoTemplate mongo, InvitesProperties properties) {
        this.mongo = mongo;
        this.settings = properties.links();
    }

    @Override
    public List<CollectionIndex> requiredIndexes() {
        return List.of(RequiredIndexes.on(
                COLLECTION,
                new Index()
                        .on("replacedAt", Sort.Direction.ASC)
                        .expire(settings.replacedRetention())
                        .named("retention")));
    }

    /** Remembers that the link whose token hashes to {@code tokenHash} was replaced; idempotent (an upsert by id). */
    void replaced(String tokenHash, String inviteId, Instant now) {
        mongo.save(new ReplacedLink(tokenHash, inviteId, now));
    }

    Optional<ReplacedLink> find(String tokenHash) {
        return Optional.ofNullable(mongo.findById(tokenHash, ReplacedLink.class));
    }
}
