package com.boxncase.invites.api.ops;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Health component {@code mongo}, in place of Boot's: a {@code ping} on the invite database. Boot's indicator
 * sends {@code hello}, which the MongoDB-wire server of the local stack and the tests does not implement, so
 * it would report DOWN there; {@code ping} answers on it and on real MongoDB alike.
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
