package com.boxncase.invites.support;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Health component {@code mongo}: a {@code ping} on the service's database. Boot's own indicator sends
 * {@code hello}, which the MongoDB-wire server of {@code ./run-local} and the tests does not implement, so
 * it would report DOWN there; {@code ping} answers on it and on real MongoDB alike. DOWN names the exception's
 * class, never its message.
 */
class MongoPingHealth implements HealthIndicator {

    private final MongoTemplate mongo;

    MongoPingHealth(MongoTemplate mongo) {
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
            // the exception's class only: its text can name hosts, ports and users, and health may be public
            return Health.down()
                    .withDetail("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
