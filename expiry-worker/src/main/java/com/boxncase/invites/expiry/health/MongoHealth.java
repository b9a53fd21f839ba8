package com.boxncase.invites.expiry.health;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Health component {@code mongo}, in place of Boot's, which sends {@code hello}: the MongoDB-wire server of
 * the local stack does not implement it and would always look DOWN. {@code ping} answers on it and on real
 * MongoDB alike. (invite-api and notifier-worker have the same indicator; the services share no Spring library to hold one.)
 */
@Component("mongoHealthIndicator")
class MongoHealth implements HealthIndicator {

    private final MongoTemplate mongo;

    MongoHealth(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Health health() {
        try {
            Document reply = mongo.executeCommand(new Document("ping", 1));
            return Health.up()
                    .withDetail("database", mongo.getDb().getName())
                    .withDetail("ping", reply.get("ok"))
                    .build();
        } catch (RuntimeException e) {
            return Health.down(e).build();
        }
    }
}
