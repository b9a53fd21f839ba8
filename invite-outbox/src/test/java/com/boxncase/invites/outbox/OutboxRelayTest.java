package com.boxncase.invites.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.boxncase.invites.localstack.EmbeddedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.json.JsonMapper;

/** The relay against a real broker (embedded, KRaft) and the MongoDB-wire server. */
@EmbeddedKafka(partitions = 1, topics = OutboxRelayTest.TOPIC)
class OutboxRelayTest {

    static final String TOPIC = "outbox.test";
    private static final String COLLECTION = "documents";
    private static final EmbeddedMongo MONGO = EmbeddedMongo.shared();

    /** Read on the test thread: the condition keeps its broker per thread, and Awaitility polls on its own. */
    private static String brokers;

    private MongoClient client;
    private MongoTemplate mongo;
    private final List<OutboxRelay> relays = new ArrayList<>();

    @BeforeEach
    void connect() {
        brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
        client = MongoClients.create(MONGO.connectionString());
        mongo = new MongoTemplate(client, "outbox-test");
    }

    @AfterEach
    void close() throws Exception {
        for (OutboxRelay relay : relays) {
            relay.close();
        }
        client.close();
    }

    @Test
    void aWrittenMessageIsPublishedAndThenRemovedFromItsDocument() {
        OutboxRelay relay = relay(broker(), properties(Duration.ZERO, Duration.ofMinutes(10)));
        Outbox outbox = new Outbox(JsonMapper.builder().build(), relay, Clock.systemUTC());
        String id = UUID.randomUUID().toString();
        OutboxMessage message = outbox.message(TOPIC, id, "m-" + id, Map.of("hello", id));

        insert(id, message);
        outbox.written(id, List.of(message));

        await().untilAsserted(() -> assertThat(outboxOf(id)).isEmpty());
        assertThat(published(id)).singleElement().satisfies(record -> {
            assertThat(record.value()).contains(id);
            assertThat(new String(record.headers().lastHeader("message-id").value()))
                    .isEqualTo("m-" + id);
        });
    }

    @Test
    void aLaterWriteOfTheDocumentTakesTheRemovalAndTheRelayWritesNothing() {
        OutboxRelay relay = relay(broker(), properties(Duration.ofMinutes(10), Duration.ofMinutes(10)));
        Outbox outbox = new Outbox(JsonMapper.builder().build(), relay, Clock.systemUTC());
        String id = UUID.randomUUID().toString();
        OutboxMessage message = outbox.message(TOPIC, id, "m-" + id, Map.of("n", 1));
        insert(id, message);
        outbox.written(id, List.of(message));
        await().until(() -> published(id).size() == 1);

        List<String> acknowledged = await().until(() -> relay.takeAcknowledged(id), ids -> !ids.isEmpty());
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(id)),
                new Update().set("state", "SENT").pull(OutboxRelay.FIELD, OutboxRelay.removalOf(acknowledged)),
                COLLECTION);
        relay.removed(acknowledged);

        assertThat(acknowledged).containsExactly("m-" + id);
        assertThat(outboxOf(id)).isEmpty();
        assertThat(relay.takeAcknowledged(id))
                .as("nothing left for the relay to remove")
                .isEmpty();
    }

    @Test
    void whatNoLaterWriteTakesTheRelayRemovesAfterTheDelay() {
        OutboxRelay relay = relay(broker(), properties(Duration.ofMillis(300), Duration.ofMinutes(10)));
        Outbox outbox = new Outbox(JsonMapper.builder().build(), relay, Clock.systemUTC());
        String id = UUID.randomUUID().toString();
        OutboxMessage message = outbox.message(TOPIC, id, "m-" + id, Map.of("n", 1));
        insert(id, message);

        outbox.written(id, List.of(message));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(outboxOf(id)).isEmpty());
        assertThat(published(id)).hasSize(1);
    }

    @Test
    void messagesAnInstanceCouldNotPublishAreSweptByAnother() {
        OutboxRelay cutOff = relay("127.0.0.1:1", properties(Duration.ZERO, Duration.ofMinutes(10)));
        Outbox outbox = new Outbox(JsonMapper.builder().build(), cutOff, Clock.systemUTC());
        String id = UUID.randomUUID().toString();
        OutboxMessage message = outbox.message(TOPIC, id, "m-" + id, Map.of("n", 1));
        insert(id, message);
        outbox.written(id, List.of(message)); // Kafka unreachable for this instance

        OutboxRelay other = relay(broker(), properties(Duration.ZERO, Duration.ofMinutes(10)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            other.sweepIfDue(); // due at start-up: it has never swept
            assertThat(outboxOf(id)).isEmpty();
        });
        assertThat(published(id)).hasSize(1);
    }

    @Test
    void theSweepLeavesTheCollectionAloneUntilSomethingMayBeWaiting() {
        OutboxRelay relay = relay(broker(), properties(Duration.ZERO, Duration.ofSeconds(2)));
        relay.sweepIfDue(); // the start-up sweep; nothing is waiting
        String id = UUID.randomUUID().toString();
        Outbox outbox = new Outbox(JsonMapper.builder().build(), relay, Clock.systemUTC());
        insert(id, outbox.message(TOPIC, id, "m-" + id, Map.of("n", 1))); // left behind by another instance

        relay.sweepIfDue();
        assertThat(outboxOf(id)).as("no sweep before the idle interval").hasSize(1);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            relay.sweepIfDue();
            assertThat(outboxOf(id)).isEmpty();
        });
        assertThat(published(id)).hasSize(1);
    }

    private OutboxProperties properties(Duration removalDelay, Duration idleSweepInterval) {
        return new OutboxProperties(
                COLLECTION,
                Duration.ofMillis(100),
                Duration.ZERO,
                100,
                Duration.ofSeconds(5),
                idleSweepInterval,
                removalDelay);
    }

    private OutboxRelay relay(String bootstrapServers, OutboxProperties properties) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_000);
        OutboxRelay relay = new OutboxRelay(
                mongo,
                new KafkaTemplate<>(new DefaultKafkaProducerFactory<String, String>(config)),
                properties,
                Clock.systemUTC(),
                new SimpleMeterRegistry());
        relays.add(relay);
        return relay;
    }

    private void insert(String id, OutboxMessage message) {
        mongo.insert(
                new Document("_id", id)
                        .append("version", 1L)
                        .append(OutboxRelay.FIELD, new ArrayList<>(List.of(message.toDocument()))),
                COLLECTION);
    }

    private List<Document> outboxOf(String id) {
        Document document = mongo.findById(id, Document.class, COLLECTION);
        return document.getList(OutboxRelay.FIELD, Document.class, List.of());
    }

    private static String broker() {
        return brokers;
    }

    private static List<ConsumerRecord<String, String>> published(String key) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (Consumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            // assigned, not subscribed: no group to join, the read starts at once
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Read for up to 5 s, and once the key shows up, half a second more to catch a duplicate.
            Instant until = Instant.now().plusSeconds(5);
            boolean found = false;
            while (Instant.now().isBefore(until)) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        records.add(record);
                    }
                });
                if (!found && !records.isEmpty()) {
                    found = true;
                    until = Instant.now().plusMillis(500);
                }
            }
        }
        return records;
    }
}
