package com.boxncase.invites.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import com.boxncase.invites.support.IndexPlan;
import com.boxncase.invites.support.RequiredIndexes;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * invite-api hands every index it needs to service-support's index plan (the invites, the idempotency keys, the audit
 * retention, the replaced links) and is not ready before they exist: the plan's health is part of readiness.
 */
@ApiIntegrationTest
class IndexesBeforeReadinessTest {

    @Autowired
    IndexPlan plan;

    @Autowired
    List<RequiredIndexes> owners;

    @Autowired
    HealthEndpointGroups health;

    @Autowired
    MongoTemplate mongo;

    @Test
    void everyIndexOfTheApiIsInThePlanAndTheReadinessGroupWaitsForIt() {
        List<String> names = owners.stream()
                .flatMap(owner -> owner.requiredIndexes().stream())
                .map(RequiredIndexes.CollectionIndex::name)
                .toList();

        assertThat(names)
                .contains(
                        "invites.link_token",
                        "invites.one_open_invite",
                        "invites.pending_table",
                        "invites.email_search",
                        "invites.store_users",
                        "idempotency_keys.forget_after_retention",
                        "audit.retention",
                        "replaced_links.retention");
        assertThat(plan.state().total()).isEqualTo(names.size());
        assertThat(plan.done()).isTrue();
        assertThat(health.get("readiness").isMember("indexes")).isTrue();
        assertThat(health.getPrimary().isMember("indexes")).isTrue();
    }

    @Test
    void auditEntriesExpireAfterTheConfiguredRetention() {
        Document retention = mongo.getCollection("audit").listIndexes().into(new java.util.ArrayList<>()).stream()
                .filter(index -> "retention".equals(index.getString("name")))
                .findFirst()
                .orElseThrow();

        assertThat(retention.get("key", Document.class)).containsEntry("at", 1);
        assertThat(((Number) retention.get("expireAfterSeconds")).longValue())
                .isEqualTo(Duration.ofDays(400).toSeconds());
    }
}
