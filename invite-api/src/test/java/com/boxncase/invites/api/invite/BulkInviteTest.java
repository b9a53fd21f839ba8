package com.boxncase.invites.api.invite;

import static com.boxncase.invites.api.support.InviteFixtures.inviteBody;
import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static com.boxncase.invites.api.support.InviteFixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import com.boxncase.invites.api.support.TestTokens;
import com.boxncase.invites.api.support.TopicRecorder;
import com.boxncase.invites.contracts.InviteEvent;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkInviteTest {

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

    @BeforeAll
    void record() {
        commands = new TopicRecorder(brokers, Topics.NOTIFY);
        events = new TopicRecorder(brokers, Topics.EVENTS);
    }

    @AfterAll
    void stopRecording() throws InterruptedException {
        commands.close();
        events.close();
    }

    /** The kinds of row the 1,000-row request mixes, and the status each must get. */
    private enum Kind {
        VALID(201),
        BAD_EMAIL(400),
        NO_ROLE(400),
        BAD_PHONE(400),
        WRONG_TYPE(400),
        NOT_AN_OBJECT(400),
        SAME_EMAIL_AS_EARLIER_ROW(409),
        ALREADY_INVITED(409);

        final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    @Test
    void aThousandRowsGetTheirOwnStatusesAndEachCreatedRowOneCommandAndOneCreatedEvent() throws Exception {
        String store = newStore();
        Map<Integer, String> existingIds = new HashMap<>();

        List<Kind> kinds = new ArrayList<>();
        ArrayNode rows = json.createArrayNode();
        String repeated = null;
        for (int i = 0; i < 1000; i++) {
            Kind kind = i % 50 == 49 ? Kind.values()[1 + (i / 50) % (Kind.values().length - 1)] : Kind.VALID;
            String email = uniqueEmail();
            ObjectNode row = json.createObjectNode()
                    .put("email", email)
                    .put("role", "STAFF")
                    .put("locale", "en");
            switch (kind) {
                case VALID -> repeated = repeated == null ? email : repeated;
                case BAD_EMAIL -> row.put("email", "two@example.com, three@example.com");
                case NO_ROLE -> row.remove("role");
                case BAD_PHONE -> row.put("phone", "12345");
                case WRONG_TYPE -> row.put("expiresInDays", "a week");
                case SAME_EMAIL_AS_EARLIER_ROW -> row.put("email", repeated.toUpperCase());
                case ALREADY_INVITED -> existingIds.put(i, inviteSingle(store, email));
                case NOT_AN_OBJECT -> {}
            }
            kinds.add(kind);
            rows.add(kind == Kind.NOT_AN_OBJECT ? json.getNodeFactory().stringNode(email) : row);
        }

        JsonNode answer = read(bulk(store, json.createObjectNode().set("invites", rows))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("application/json"))));

        long valid = kinds.stream().filter(kind -> kind == Kind.VALID).count();
        assertThat(answer.get("created").asInt()).isEqualTo(valid);
        assertThat(answer.get("failed").asInt()).isEqualTo(1000 - valid);
        JsonNode results = answer.get("results");
        assertThat(results).hasSize(1000);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            JsonNode result = results.get(i);
            Kind kind = kinds.get(i);
            assertThat(result.get("index").asInt()).isEqualTo(i);
            assertThat(result.get("status").asInt()).as("row %d (%s)", i, kind).isEqualTo(kind.status);
            switch (kind) {
                case VALID -> {
                    assertThat(result.get("invite").get("status").asString()).isEqualTo("PENDING");
                    assertThat(result.get("invite").get("storeId").asString()).isEqualTo(store);
                    created.add(result.get("invite").get("id").asString());
                }
                case BAD_EMAIL -> assertThat(fields(result)).containsExactly("email");
                case NO_ROLE -> assertThat(fields(result)).containsExactly("role");
                case BAD_PHONE -> assertThat(fields(result)).containsExactly("phone");
                case WRONG_TYPE -> assertThat(fields(result)).containsExactly("expiresInDays");
                case NOT_AN_OBJECT -> assertThat(fields(result)).containsExactly("row");
                case SAME_EMAIL_AS_EARLIER_ROW ->
                    assertThat(result.get("problem").get("duplicateOfIndex").asInt())
                            .isEqualTo(kinds.indexOf(Kind.VALID));
                case ALREADY_INVITED ->
                    assertThat(result.get("problem").get("existingInviteId").asString())
                            .isEqualTo(existingIds.get(i));
            }
            if (kind != Kind.VALID) {
                assertThat(result.has("invite")).isFalse();
                assertThat(result.get("problem").get("status").asInt()).isEqualTo(kind.status);
            }
        }
        assertThat(mongo.count(Query.query(Criteria.where("storeId").is(store)), "invites"))
                .isEqualTo(valid + existingIds.size());

        // exactly one INVITE command and one CREATED event per created row; nothing for the refused ones
        List<String> expected = new ArrayList<>(created);
        expected.addAll(existingIds.values());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(perInvite(commandsFor(store))).hasSize(expected.size()));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Map<String, Integer> perInvite = perInvite(commandsFor(store));
            assertThat(perInvite.keySet()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(perInvite.values()).containsOnly(1);
        });
        assertThat(commandsFor(store).stream().map(this::command).map(NotifyInvite::reason))
                .containsOnly(NotifyReason.INVITE);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(perInvite(createdEventsFor(store))).hasSize(expected.size()));
        assertThat(perInvite(createdEventsFor(store)).keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(perInvite(createdEventsFor(store)).values()).containsOnly(1);
    }

    @Test
    void aRowIsRefusedForTheSameReasonsAsTheSameSingleCreate() throws Exception {
        String store = newStore();
        List<String> bodies = List.of(
                "{\"email\": \"\", \"role\": \"STAFF\"}",
                "{\"email\": \"a@example.com\", \"role\": \"OWNER\", \"locale\": \"english\"}",
                "{\"email\": \"b@example.com\", \"role\": \"STAFF\", \"phone\": \"+1 555\", \"expiresInDays\": 90}",
                "{\"email\": \"c@example.com\", \"message\": \"hi\\u0007\"}");
        ArrayNode rows = json.createArrayNode();
        for (String body : bodies) {
            rows.add(json.readTree(body));
        }
        JsonNode results =
                read(bulk(store, json.createObjectNode().set("invites", rows))).get("results");

        for (int i = 0; i < bodies.size(); i++) {
            JsonNode single = read(createSingle(store, bodies.get(i)).andExpect(status().isBadRequest()));
            JsonNode row = results.get(i).get("problem");
            assertThat(row.get("errors")).as(bodies.get(i)).isEqualTo(single.get("errors"));
            assertThat(row.get("detail")).isEqualTo(single.get("detail"));
            assertThat(row.get("title")).isEqualTo(single.get("title"));
        }
    }

    @Test
    void rowsForAStoreOutsideTheTokenAreForbiddenAndTheOtherRowsProceed() throws Exception {
        String first = newStore();
        String second = newStore();
        String outside = newStore();
        String token = TestTokens.token(
                "platform-1", "Platform", List.of(first, second), "invites:read invites:write", TestTokens.SECRET);
        ArrayNode rows = json.createArrayNode()
                .add(platformRow(first, uniqueEmail()))
                .add(platformRow(outside, uniqueEmail()))
                .add(platformRow(second, uniqueEmail()))
                .add(platformRow(null, uniqueEmail()))
                .add(platformRow(outside, "not an email"));

        JsonNode answer = read(mvc.perform(post("/api/v1/invites/bulk")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.createObjectNode().set("invites", rows).toString()))
                .andExpect(status().isOk()));

        JsonNode results = answer.get("results");
        assertThat(answer.get("created").asInt()).isEqualTo(2);
        assertThat(results.get(0).get("invite").get("storeId").asString()).isEqualTo(first);
        assertThat(results.get(1).get("status").asInt()).isEqualTo(403);
        assertThat(results.get(1).get("problem").get("detail").asString()).contains(outside);
        assertThat(results.get(2).get("invite").get("storeId").asString()).isEqualTo(second);
        assertThat(fields(results.get(3))).containsExactly("storeId");
        assertThat(results.get(4).get("status").asInt())
                .as("nothing is judged for another store")
                .isEqualTo(403);
        assertThat(mongo.count(Query.query(Criteria.where("storeId").is(outside)), "invites"))
                .isZero();
    }

    @Test
    void theCrossStoreEndpointNeedsTheWriteScope() throws Exception {
        String store = newStore();
        String readOnly = TestTokens.token("reader", "Reader", List.of(store), "invites:read", TestTokens.SECRET);
        mvc.perform(post("/api/v1/invites/bulk")
                        .header("Authorization", "Bearer " + readOnly)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.createObjectNode()
                                .set("invites", json.createArrayNode().add(platformRow(store, uniqueEmail())))
                                .toString()))
                .andExpect(status().isForbidden());
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndCreatesNothingTwice() throws Exception {
        String store = newStore();
        ArrayNode rows = json.createArrayNode();
        for (int i = 0; i < 20; i++) {
            rows.add(json.readTree(inviteBody(uniqueEmail())));
        }
        rows.add(json.readTree(inviteBody("not an email")));
        ObjectNode body = json.createObjectNode().set("invites", rows);

        MvcResult first =
                bulk(store, body, "bulk-key-1").andExpect(status().isOk()).andReturn();
        MvcResult replay = bulk(store, body, "bulk-key-1")
                .andExpect(status().isOk())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andReturn();

        assertThat(replay.getResponse().getContentAsString())
                .isEqualTo(first.getResponse().getContentAsString());
        assertThat(mongo.count(Query.query(Criteria.where("storeId").is(store)), "invites"))
                .isEqualTo(20);
        bulk(
                        store,
                        json.createObjectNode()
                                .set("invites", json.createArrayNode().add(rows.get(0))),
                        "bulk-key-1")
                .andExpect(status().isUnprocessableContent());
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(perInvite(commandsFor(store))).hasSize(20);
            assertThat(perInvite(commandsFor(store)).values()).containsOnly(1);
        });
    }

    @Test
    void aRetryAfterAnAnswerWasLostCreatesNoRowTwice() throws Exception {
        String store = newStore();
        ArrayNode rows = json.createArrayNode();
        for (int i = 0; i < 5; i++) {
            rows.add(json.readTree(inviteBody(uniqueEmail())));
        }
        ObjectNode body = json.createObjectNode().set("invites", rows);
        JsonNode first = read(bulk(store, body, "bulk-key-lost"));
        // the first attempt wrote its rows but died before keeping its answer
        mongo.remove(new Query(), "bulk_responses");

        JsonNode retry = read(bulk(store, body, "bulk-key-lost").andExpect(status().isOk()));

        assertThat(retry.get("created").asInt()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(retry.get("results").get(i).get("invite").get("id"))
                    .isEqualTo(first.get("results").get(i).get("invite").get("id"));
        }
        assertThat(mongo.count(Query.query(Criteria.where("storeId").is(store)), "invites"))
                .isEqualTo(5);
    }

    @Test
    void aBodyOfAnotherShapeOrWithTooManyRowsIsABadRequestNamingTheField() throws Exception {
        String store = newStore();
        ArrayNode tooMany = json.createArrayNode();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(json.readTree(inviteBody(uniqueEmail())));
        }
        bulk(store, json.createObjectNode().set("invites", tooMany))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.errors[0].field").value("invites"))
                .andExpect(jsonPath("$.errors[0].reason", containsString("1001")));
        for (String body : List.of("{}", "[]", "{\"invites\": []}", "{\"invites\": {\"email\": \"a@b.co\"}}", "nope")) {
            bulkRaw(store, body)
                    .andExpect(status().isBadRequest())
                    .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                    .andExpect(jsonPath("$.errors[0].field").exists());
        }
        assertThat(mongo.count(Query.query(Criteria.where("storeId").is(store)), "invites"))
                .isZero();
    }

    @Test
    void aBodyOverTheConfiguredSizeIsRefusedWith413() throws Exception {
        String store = newStore();
        String huge = "{\"invites\": [{\"email\": \"a@example.com\", \"message\": \"" + "x".repeat(2_200_000) + "\"}]}";
        bulkRaw(store, huge)
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
    }

    @Test
    void aStoreAdminCannotBulkInviteToAnotherStore() throws Exception {
        String store = newStore();
        mvc.perform(post("/api/v1/stores/" + store + "/invites/bulk")
                        .header("Authorization", "Bearer " + TestTokens.admin(newStore()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"invites\": [" + inviteBody(uniqueEmail()) + "]}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void theOpenApiDocumentDescribesBothBulkEndpoints() throws Exception {
        JsonNode doc = read(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()));
        assertThat(doc.get("paths").has("/api/v1/stores/{storeId}/invites/bulk"))
                .isTrue();
        assertThat(doc.get("paths").has("/api/v1/invites/bulk")).isTrue();
        assertThat(doc.get("components").get("schemas").has("BulkInviteResponse"))
                .isTrue();
    }

    private ObjectNode platformRow(String storeId, String email) throws Exception {
        ObjectNode row = (ObjectNode) json.readTree(inviteBody(email));
        if (storeId != null) {
            row.put("storeId", storeId);
        }
        return row;
    }

    private String inviteSingle(String store, String email) throws Exception {
        String location = createSingle(store, inviteBody(email))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getHeader("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private ResultActions createSingle(String store, String body) throws Exception {
        return mvc.perform(post("/api/v1/stores/" + store + "/invites")
                .header("Authorization", "Bearer " + TestTokens.admin(store))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private ResultActions bulk(String store, JsonNode body) throws Exception {
        return bulkRaw(store, body.toString());
    }

    private ResultActions bulk(String store, JsonNode body, String idempotencyKey) throws Exception {
        return mvc.perform(post("/api/v1/stores/" + store + "/invites/bulk")
                .header("Authorization", "Bearer " + TestTokens.admin(store))
                .header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body.toString()));
    }

    private ResultActions bulkRaw(String store, String body) throws Exception {
        return mvc.perform(post("/api/v1/stores/" + store + "/invites/bulk")
                .header("Authorization", "Bearer " + TestTokens.admin(store))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private JsonNode read(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private static List<String> fields(JsonNode result) {
        List<String> fields = new ArrayList<>();
        result.get("problem")
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private NotifyInvite command(ConsumerRecord<String, String> record) {
        return json.readValue(record.value(), NotifyInvite.class);
    }

    private List<ConsumerRecord<String, String>> commandsFor(String store) {
        return commands.matching(record -> record.value().contains("\"" + store + "\""));
    }

    private List<ConsumerRecord<String, String>> createdEventsFor(String store) {
        return events.matching(record -> record.value().contains("\"" + store + "\"")
                && json.readValue(record.value(), InviteEvent.class).type() == InviteEvent.Type.CREATED);
    }

    /** Records per invite id (the key), counting distinct message ids: publication is at least once. */
    private static Map<String, Integer> perInvite(List<ConsumerRecord<String, String>> records) {
        Map<String, Set<String>> distinct = new HashMap<>();
        records.forEach(record ->
                distinct.computeIfAbsent(record.key(), key -> new HashSet<>()).add(record.value()));
        Map<String, Integer> counts = new HashMap<>();
        distinct.forEach((key, values) -> counts.put(key, values.size()));
        return counts;
    }
}
