package com.boxncase.invites.expiry;

import static org.awaitility.Awaitility.await;

import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.document.InviteDocument;
import com.boxncase.invites.localstack.EmbeddedMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring context of this module's tests: the real embedded Kafka broker, the in-memory MongoDB-wire
 * server, a hand-moved clock and the scheduler off (tests call the jobs).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "invites.expiry.scheduling-enabled=false"
        })
@EmbeddedKafka(
        partitions = 1,
        topics = {Topics.EVENTS, Topics.NOTIFY})
@Import(WorkerTest.TestClock.class)
public abstract class WorkerTest {

    protected static final Instant START = Instant.parse("2030-03-01T09:00:00Z");

    @Autowired
    protected MongoTemplate mongo;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected EmbeddedKafkaBroker kafka;

    @Autowired
    protected JsonMapper json;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> EmbeddedMongo.shared().connectionString());
    }

    @BeforeEach
    void startFromAnEmptyCollection() {
        clock.set(START);
        mongo.remove(new Query(), InviteDocument.COLLECTION);
        mongo.remove(new Query(), "store_settings");
    }

    protected Document insert(InviteFixtures invite) {
        return mongo.insert(invite.build(), InviteDocument.COLLECTION);
    }

    protected Document invite(String id) {
        return mongo.findById(id, Document.class, InviteDocument.COLLECTION);
    }

    /** Waits until the outbox relay has published every message the jobs wrote. */
    protected void awaitOutboxPublished() {
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        mongo.count(Query.query(Criteria.where("outbox.0").exists(true)), InviteDocument.COLLECTION)
                                == 0);
    }

    protected <T> T payload(String json, Class<T> type) {
        return this.json.readValue(json, type);
    }

    protected static String id(Document invite) {
        return invite.getString("_id");
    }

    protected static List<String> ids(List<Document> invites) {
        return invites.stream().map(WorkerTest::id).toList();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {

        @Bean
        MutableClock clock() {
            return new MutableClock(START);
        }
    }
}
