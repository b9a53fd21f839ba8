package com.boxncase.invites.api.ops;

import static com.boxncase.invites.api.support.InviteFixtures.inviteBody;
import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static com.boxncase.invites.api.support.InviteFixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import com.boxncase.invites.api.support.TestTokens;
import com.boxncase.invites.api.support.TopicRecorder;
import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.DeliveryStatusChanged;
import com.boxncase.invites.contracts.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterOpsTest {

    private static final String TRANSIENT = "com.boxncase.invites.notifier.delivery.TransientDeliveryFailure";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    MongoTemplate mongo;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    TopicRecorder commands;
    TopicRecorder events;
    KafkaProducer<byte[], byte[]> producer;

    final String store = newStore();
    final String reader = TestTokens.operator("ops-1", "ops:read");
    final String operator = TestTokens.operator("ops-2", "ops:read ops:write");

    @BeforeAll
    void kafka() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            admin.createTopics(List.of(new NewTopic(Topics.NOTIFY_DLT, 1, (short) 1)))
                    .all()
                    .get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        commands = new TopicRecorder(brokers, Topics.NOTIFY);
        events = new TopicRecorder(brokers, Topics.EVENTS);
    }

    @AfterAll
    void close() throws InterruptedException {
        producer.close();
        commands.close();
        events.close();
    }

    @Test
    void deadLetterIsListedWithItsReasonAndReplayedExactlyOnce() throws Exception {
        String inviteId = createInvite();
        ConsumerRecord<String, String> original = await().atMost(PATIENCE)
                .until(() -> commands.withKey(inviteId), records -> records.size() == 1)
                .get(0);
        String originalCommandId =
                json.readTree(original.value()).get("commandId").asString();
        deadLetter(inviteId, original.value().getBytes(StandardCharsets.UTF_8), "451 4.3.0 try again later");

        JsonNode letter = listedDeadLetter(inviteId);
        assertThat(letter.get("originalTopic").asString()).isEqualTo(Topics.NOTIFY);
        assertThat(letter.get("commandId").asString()).isEqualTo(originalCommandId);
        assertThat(letter.get("exceptionClass").asString()).isEqualTo(TRANSIENT);
        assertThat(letter.get("exceptionMessage").asString()).isEqualTo("451 4.3.0 try again later");
        assertThat(letter.get("attempts").asInt()).isEqualTo(5);
        assertThat(letter.get("replayable").asBoolean()).isTrue();
        assertThat(letter.has("payload")).isFalse();
        String id = letter.get("id").asString();
        String replayCommandId = "replay-" + id;

        replay(id, operator)
                .andExpect(accepted())
                .andExpect(jsonPath("$.outcome").value("REPLAYED"))
                .andExpect(jsonPath("$.commandId").value(replayCommandId));
        replay(id, operator)
                .andExpect(accepted())
                .andExpect(jsonPath("$.outcome").value("ALREADY_REPLAYED"))
                .andExpect(jsonPath("$.commandId").value(replayCommandId));

        await().atMost(PATIENCE).until(() -> outboxOf(inviteId).isEmpty());
        List<ConsumerRecord<String, String>> replays =
                await().atMost(PATIENCE).until(() -> commands.withKey(inviteId), records -> records.size() >= 2);
        assertThat(replays).hasSize(2);
        JsonNode command = json.readTree(replays.get(1).value());
        assertThat(command.get("commandId").asString()).isEqualTo(replayCommandId);
        assertThat(command.get("linkId").asString())
                .isEqualTo(json.readTree(original.value()).get("linkId").asString());
        assertThat(events.withKey(inviteId))
                .filteredOn(record -> record.value().contains("DELIVERY_REPLAYED"))
                .singleElement()
                .satisfies(record -> assertThat(record.value())
                        .contains("\"replayOf\":\"" + originalCommandId + "\"")
                        .contains("\"id\":\"ops-2\""));

        Document invite = mongo.findById(inviteId, Document.class, "invites");
        assertThat(invite.getString("commandId")).isEqualTo(replayCommandId);
        assertThat(invite.get("deliveries", Document.class)
                        .get("EMAIL", Document.class)
                        .getString("state"))
                .isEqualTo("QUEUED");
        // The notifier's status events for the replay command now reach the pending table.
        publishStatus(inviteId, replayCommandId, DeliveryState.SENT);
        await().atMost(PATIENCE)
                .until(() -> mongo.findById(inviteId, Document.class, "invites")
                        .get("deliveries", Document.class)
                        .get("EMAIL", Document.class)
                        .getString("state")
                        .equals("SENT"));
    }

    @Test
    void poisonRecordIsListedRawAndCannotBeReplayed() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        deadLetter(key, "{not json".getBytes(StandardCharsets.UTF_8), "Failed to deserialize");

        JsonNode letter = listedDeadLetter(key);
        assertThat(letter.get("replayable").asBoolean()).isFalse();
        assertThat(letter.get("payload").asString()).isEqualTo("{not json");
        assertThat(letter.get("payloadEncoding").asString()).isEqualTo("utf-8");

        replay(letter.get("id").asString(), operator).andExpect(status().isUnprocessableContent());
    }

    @Test
    void bulkReplayTakesTheMatchingDeadLettersOnly() throws Exception {
        String inviteId = createInvite();
        ConsumerRecord<String, String> original = await().atMost(PATIENCE)
                .until(() -> commands.withKey(inviteId), records -> records.size() == 1)
                .get(0);
        deadLetter(inviteId, original.value().getBytes(StandardCharsets.UTF_8), "connection refused");
        String id = listedDeadLetter(inviteId).get("id").asString();

        String body = mvc.perform(post("/api/v1/ops/dead-letters/replay")
                        .header("Authorization", "Bearer " + operator)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"exceptionClass\": \"TransientDeliveryFailure\", \"maxAge\": \"PT1H\"}"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        JsonNode items = json.readTree(body).get("items");
        assertThat(items.valueStream()
                        .filter(item -> item.get("deadLetterId").asString().equals(id))
                        .map(item -> item.get("outcome").asString()))
                .as(body)
                .containsAnyOf("REPLAYED", "ALREADY_REPLAYED");
        assertThat(mongo.findById(inviteId, Document.class, "invites").getString("commandId"))
                .isEqualTo("replay-" + id);
    }

    @Test
    void topicsShowPartitionsOffsetsAndConsumerLag() throws Exception {
        createInvite();
        String body = mvc.perform(get("/api/v1/ops/topics").header("Authorization", "Bearer " + reader))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        JsonNode topics = json.readTree(body).get("topics");
        JsonNode notify = topics.valueStream()
                .filter(topic -> topic.get("name").asString().equals(Topics.NOTIFY))
                .findFirst()
                .orElseThrow();
        assertThat(notify.get("partitions")).hasSize(2);
        assertThat(notify.get("messages").asLong()).isPositive();
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode fresh = json.readTree(
                            mvc.perform(get("/api/v1/ops/topics").header("Authorization", "Bearer " + reader))
                                    .andReturn()
                                    .getResponse()
                                    .getContentAsString())
                    .get("topics");
            assertThat(fresh.valueStream()
                            .filter(topic -> topic.get("name").asString().equals(Topics.EVENTS))
                            .flatMap(topic -> topic.get("consumerGroups").valueStream())
                            .map(group -> group.get("groupId").asString()))
                    .contains("invite-api-audit");
        });
    }

    @Test
    void opsEndpointsRefuseMissingTokenAndMissingScope() throws Exception {
        mvc.perform(get("/api/v1/ops/topics")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/ops/dead-letters")).andExpect(status().isUnauthorized());
        String admin = TestTokens.admin(store);
        mvc.perform(get("/api/v1/ops/topics").header("Authorization", "Bearer " + admin))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/ops/dead-letters").header("Authorization", "Bearer " + admin))
                .andExpect(status().isForbidden());
        replay("0-0", reader).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/ops/dead-letters/replay").header("Authorization", "Bearer " + reader))
                .andExpect(status().isForbidden());
    }

    /**
     * Ops endpoints are for platform operators only: a store admin holding the ops scopes, for their own store or with
     * a platform role other than operator, neither sees another store's dead letter nor replays it.
     */
    @Test
    void aStoreAdminWithOpsScopesCanNeitherListNorReplayAnotherStoresDeadLetters() throws Exception {
        String otherStoresInvite = createInvite();
        String commandId = json.readTree(await().atMost(PATIENCE)
                        .until(() -> commands.withKey(otherStoresInvite), records -> records.size() == 1)
                        .get(0)
                        .value())
                .get("commandId")
                .asString();
        deadLetter(
                otherStoresInvite,
                bytes(commands.withKey(otherStoresInvite).get(0).value()),
                "550 no such user");
        String id = listedDeadLetter(otherStoresInvite).get("id").asString();

        String myStore = newStore();
        String storeAdminWithOpsScopes = TestTokens.token(
                "admin-9",
                "Sneaky",
                List.of(myStore),
                "invites:read invites:write ops:read ops:write",
                TestTokens.SECRET);
        String claimsAnotherRole = TestTokens.sign(TestTokens.claims(
                        "admin-9", "Sneaky", List.of(myStore), "invites:read invites:write ops:read ops:write")
                .claim("platform_roles", "store-admin")
                .build());
        for (String token : List.of(storeAdminWithOpsScopes, claimsAnotherRole)) {
            mvc.perform(get("/api/v1/ops/dead-letters").header("Authorization", "Bearer " + token))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/ops/topics").header("Authorization", "Bearer " + token))
                    .andExpect(status().isForbidden());
            replay(id, token).andExpect(status().isForbidden());
            mvc.perform(post("/api/v1/ops/dead-letters/replay").header("Authorization", "Bearer " + token))
                    .andExpect(status().isForbidden());
        }

        Document invite = mongo.findById(otherStoresInvite, Document.class, "invites");
        assertThat(invite.getString("commandId")).isEqualTo(commandId);
        String operatorWithRoleAsString = TestTokens.sign(TestTokens.claims("ops-3", "Otto", List.of(), "ops:read")
                .claim("platform_roles", "auditor operator")
                .build());
        mvc.perform(get("/api/v1/ops/dead-letters").header("Authorization", "Bearer " + operatorWithRoleAsString))
                .andExpect(status().isOk());
    }

    private String createInvite() throws Exception {
        String body = mvc.perform(post("/api/v1/stores/" + store + "/invites")
                        .header("Authorization", "Bearer " + TestTokens.admin(store))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(inviteBody(uniqueEmail())))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readTree(body).get("id").asString();
    }

    /** What the notifier's dead-letter publishing writes after retries ran out. */
    private void deadLetter(String key, byte[] value, String message) throws Exception {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(Topics.NOTIFY_DLT, key.getBytes(StandardCharsets.UTF_8), value);
        record.headers().add(KafkaHeaders.ORIGINAL_TOPIC, Topics.NOTIFY.getBytes(StandardCharsets.UTF_8));
        record.headers().add(KafkaHeaders.EXCEPTION_FQCN, bytes(TRANSIENT));
        record.headers().add(KafkaHeaders.EXCEPTION_CAUSE_FQCN, bytes("jakarta.mail.MessagingException"));
        record.headers().add(KafkaHeaders.EXCEPTION_MESSAGE, bytes(message));
        record.headers()
                .add(
                        RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS,
                        ByteBuffer.allocate(4).putInt(5).array());
        producer.send(record).get();
    }

    private JsonNode listedDeadLetter(String inviteId) throws Exception {
        String cursor = "";
        while (true) {
            String body = mvc.perform(get("/api/v1/ops/dead-letters")
                            .param("limit", "2")
                            .param("cursor", cursor)
                            .header("Authorization", "Bearer " + reader))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            JsonNode page = json.readTree(body);
            for (JsonNode item : page.get("items")) {
                if (inviteId.equals(item.path("inviteId").asString(null))) {
                    return item;
                }
            }
            if (page.get("nextCursor").isNull()) {
                throw new AssertionError("dead letter of " + inviteId + " not listed");
            }
            cursor = page.get("nextCursor").asString();
        }
    }

    private ResultActions replay(String id, String token) throws Exception {
        return mvc.perform(
                post("/api/v1/ops/dead-letters/" + id + "/replay").header("Authorization", "Bearer " + token));
    }

    /** 202, or a failure that quotes the problem document. */
    private static ResultMatcher accepted() {
        return result -> assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(202);
    }

    private void publishStatus(String inviteId, String commandId, DeliveryState state) throws Exception {
        DeliveryStatusChanged event = new DeliveryStatusChanged(
                DeliveryStatusChanged.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                inviteId,
                store,
                commandId,
                Channel.EMAIL,
                state,
                1,
                "<m@test>",
                null,
                Instant.now(),
                null);
        producer.send(new ProducerRecord<>(Topics.DELIVERY_STATUS, bytes(inviteId), json.writeValueAsBytes(event)))
                .get();
    }

    private List<?> outboxOf(String inviteId) {
        return mongo.findById(inviteId, Document.class, "invites").getList("outbox", Object.class, List.of());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
