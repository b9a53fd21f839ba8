package com.boxncase.invites.api.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health component {@code kafka}: UP when the broker describes its cluster within the admin timeout. */
@Component("kafka")
class KafkaHealth implements HealthIndicator {

    private final KafkaTopics topics;

    KafkaHealth(KafkaTopics topics) {
        this.topics = topics;
    }

    @Override
    public Health health() {
        try {
            return Health.up().withDetail("clusterId", topics.clusterId()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e).build();
        } catch (Exception e) {
            return Health.down(e).build();
        }
    }
}
