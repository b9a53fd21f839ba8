package com.boxncase.invites.api.user;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The admin users that accepted invites ({@code admin_users}). Written right after an acceptance and again,
 * idempotently, from the InviteAccepted event, so a crash between the two writes loses nothing.
 */
@Component
public class AdminUsers {

    private final MongoTemplate mongo;

    AdminUsers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void record(AdminUser user) {
        mongo.save(user);
    }

    public AdminUser find(String inviteId) {
        return mongo.findById(inviteId, AdminUser.class);
    }
}
