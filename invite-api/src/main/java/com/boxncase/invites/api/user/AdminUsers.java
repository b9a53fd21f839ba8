package com.boxncase.invites.api.user;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.boxncase.invites.api.web.KeysetCursor;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The admin users that accepted invites ({@code admin_users}). Written right after an acceptance and again,
 * idempotently, from the InviteAccepted event, so a crash between the two writes loses nothing. Callers go
 * through these methods only, so where the users are kept can change without touching them.
 */
@Component
public class AdminUsers {

    private static final Logger log = LoggerFactory.getLogger(AdminUsers.class);

    private final MongoTemplate mongo;

    AdminUsers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The index behind {@link #page}, for real MongoDB (the embedded wire server keeps only unique ones). */
    @EventListener(ApplicationReadyEvent.class)
    void ensureIndexes() {
        try {
            mongo.indexOps(AdminUser.class)
                    .createIndex(new Index()
                            .on("storeId", Sort.Direction.ASC)
                            .on("acceptedAt", Sort.Direction.DESC)
                            .on("_id", Sort.Direction.DESC)
                            .named("store_users"));
        } catch (RuntimeException e) {
            log.warn("could not ensure admin user indexes (will serve without them): {}", e.toString());
        }
    }

    public void record(AdminUser user) {
        mongo.save(user);
    }

    public AdminUser find(String inviteId) {
        return mongo.findById(inviteId, AdminUser.class);
    }

    /**
     * One page of a store's users, who joined most recently first, continuing after {@code after} (null for
     * the first page). Returns at most {@code limit} users.
     */
    public List<AdminUser> page(String storeId, KeysetCursor after, int limit) {
        Criteria criteria = where("storeId").is(storeId);
        if (after != null) {
            criteria = criteria.orOperator(
                    where("acceptedAt").lt(after.at()),
                    where("acceptedAt").is(after.at()).and("_id").lt(after.id()));
        }
        Query query = new Query(criteria)
                .with(Sort.by(Sort.Order.desc("acceptedAt"), Sort.Order.desc("_id")))
                .limit(limit);
        return mongo.find(query, AdminUser.class);
    }
}
