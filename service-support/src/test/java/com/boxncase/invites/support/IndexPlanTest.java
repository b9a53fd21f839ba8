package com.boxncase.invites.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

class IndexPlanTest {

    private final String collection = "things-" + UUID.randomUUID();
    private final RequiredIndexes things = () -> List.of(
            RequiredIndexes.on(
                    collection,
                    new Index().on("sku", Sort.Direction.ASC).unique().named("one_per_sku")),
            RequiredIndexes.on(
                    collection,
                    new Index().on("ean", Sort.Direction.ASC).unique().sparse().named("ean")));

    private MongoServer server;
    private MongoClient client;
    private IndexPlan plan;

    @AfterEach
    void stop() {
        if (plan != null) {
            plan.stop();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Test
    void aServiceStartedWhileMongoDbIsDownStaysNotReadyUntilItsIndexesExistThenBecomesReady() throws IOException {
        int port = freePort();
        MongoTemplate mongo = templateOn(port);
        plan = new IndexPlan(
                mongo, provider(things), new IndexPlanProperties(Duration.ofMillis(100), Duration.ofMillis(400)));
        HealthIndicator health = new IndexPlanAutoConfiguration.IndexHealth().indexesHealthIndicator(plan);

        plan.start();

        assertThat(plan.done()).isFalse();
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails())
                .containsEntry("missing", 2)
                .hasEntrySatisfying(
                        "lastFailure",
                        failure -> assertThat((String) failure)
                                .startsWith(collection + ".one_per_sku: ")
                                .doesNotContain("127.0.0.1"));

        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", port);

        await().atMost(Duration.ofSeconds(20)).until(plan::done);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(indexNames(mongo)).contains("one_per_sku", "ean");
    }

    @Test
    void theIndexesOfEveryContributorExistOnceTheServiceHasStarted() throws IOException {
        server = new MongoServer(new MemoryBackend());
        int port = freePort();
        server.bind("127.0.0.1", port);
        MongoTemplate mongo = templateOn(port);
        String other = "others-" + UUID.randomUUID();
        RequiredIndexes others = () -> List.of(RequiredIndexes.on(
                other, new Index().on("code", Sort.Direction.ASC).unique().named("code")));

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IndexPlanAutoConfiguration.class))
                .withBean(MongoTemplate.class, () -> mongo)
                .withBean("things", RequiredIndexes.class, () -> things)
                .withBean("others", RequiredIndexes.class, () -> others)
                .run(context -> {
                    assertThat(context.getBean(IndexPlan.class).done()).isTrue();
                    assertThat(context.getBean("indexesHealthIndicator", HealthIndicator.class)
                                    .health()
                                    .getDetails())
                            .containsEntry("indexes", 3)
                            .containsEntry("missing", 0);
                    assertThat(indexNames(mongo)).contains("one_per_sku", "ean");
                    assertThat(mongo.getCollection(other).listIndexes().map(index -> index.getString("name")))
                            .contains("code");
                });
    }

    @Test
    void aChangedRetentionAdjustsTheExistingTtlIndexInPlace() {
        MongoTemplate mongo = org.mockito.Mockito.mock(MongoTemplate.class, org.mockito.Mockito.RETURNS_DEEP_STUBS);
        com.mongodb.MongoCommandException conflict = new com.mongodb.MongoCommandException(
                new org.bson.BsonDocument("code", new org.bson.BsonInt32(85))
                        .append(
                                "errmsg",
                                new org.bson.BsonString(
                                        "Index with name: retention already exists with different options")),
                new com.mongodb.ServerAddress());
        org.mockito.Mockito.when(mongo.indexOps("audit").createIndex(org.mockito.ArgumentMatchers.any()))
                .thenThrow(new org.springframework.data.mongodb.UncategorizedMongoDbException("conflict", conflict));
        RequiredIndexes audit = () -> List.of(RequiredIndexes.on(
                "audit",
                new Index()
                        .on("at", Sort.Direction.ASC)
                        .expire(Duration.ofDays(30))
                        .named("retention")));
        plan = new IndexPlan(
                mongo, provider(audit), new IndexPlanProperties(Duration.ofSeconds(1), Duration.ofSeconds(1)));

        plan.start();

        assertThat(plan.done()).isTrue();
        org.mockito.Mockito.verify(mongo)
                .executeCommand(new org.bson.Document("collMod", "audit")
                        .append(
                                "index",
                                new org.bson.Document("name", "retention")
                                        .append(
                                                "expireAfterSeconds",
                                                Duration.ofDays(30).toSeconds())));
    }

    private List<String> indexNames(MongoTemplate mongo) {
        return mongo.getCollection(collection)
                .listIndexes()
                .map(index -> index.getString("name"))
                .into(new java.util.ArrayList<>());
    }

    private MongoTemplate templateOn(int port) {
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(300, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(300, TimeUnit.MILLISECONDS))
                .build());
        return new MongoTemplate(client, "plan");
    }

    private static org.springframework.beans.factory.ObjectProvider<RequiredIndexes> provider(RequiredIndexes owner) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("owner", owner);
        return beans.getBeanProvider(RequiredIndexes.class);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
