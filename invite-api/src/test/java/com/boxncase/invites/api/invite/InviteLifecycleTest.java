package com.boxncase.invites.api.invite;

import static com.boxncase.invites.api.support.InviteFixtures.inviteBody;
import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static com.boxncase.invites.api.support.InviteFixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import com.boxncase.invites.api.support.MutableClock;
import com.boxncase.invites.api.support.RawHttp;
import com.boxncase.invites.api.support.TestTokens;
import com.boxncase.invites.api.support.TopicRecorder;
import com.boxncase.invites.api.user.AdminUsers;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InviteLifecycleTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    MutableClock clock;

    @Autowired
    AdminUsers adminUsers;

    @Autowired
    MongoTemplate mongo;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    TopicRecorder commands;
    InviteApiSupport api;

    @BeforeAll
    void recordCommands() {
        commands = new TopicRecorder(brokers, Topics.NOTIFY);
    }

    @AfterAll
    void stopRecording() throws InterruptedException {
        commands.close();
    }

    @BeforeEach
    void newStoreForEachTest() {
        api = new InviteApiSupport(mvc, json, newStore());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void createdInviteIsPendingAndQueuesOneNotifyCommandWithoutTheToken() throws Exception {
        String email = uniqueEmail();
        api.create(inviteBody(email))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.email").value(email))
                .andExpect(jsonPath("$.storeId").value(api.storeId))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.role").value("ADMIN"))
                .andExpect(jsonPath("$.invitedBy.id").value("admin-1"))
                .andExpect(jsonPath("$.invitedBy.name").value("Ada Admin"))
                .andExpect(jsonPath("$.delivery.state").value("QUEUED"))
                .andExpect(jsonPath("$.delivery.channel").value("EMAIL"))
                .andExpect(jsonPath("$.sendCount").value(0));
        String inviteId = api.read(api.list("")).get("items").get(0).get("id").asString();

        NotifyInvite command = awaitOneCommand(inviteId);
        assertThat(command.reason()).isEqualTo(NotifyReason.INVITE);
        assertThat(command.commandId()).isNotBlank();
        assertThat(command.storeId()).isEqualTo(api.storeId);
        Document stored = mongo.findById(inviteId, Document.class, "invites");
        assertThat(command.linkId())
                .isEqualTo(stored.get("link", Document.class).getString("id"));
        assertThat(stored.getString("message")).isEqualTo("Welcome <b>aboard</b>");
        assertThat(stored.get("store", Document.class).getString("acceptUrlBase"))
                .isEqualTo("http://localhost:8080/accept");
        // ids only: the notifier reads recipient, note and store from the invite, never from the command
        String payload = commands.withKey(inviteId).get(0).value();
        assertThat(payload).doesNotContain(email).doesNotContain("aboard").doesNotContain(api.tokenOfLink(inviteId));
    }

    /** One write to the socket, not two: the answer is not flushed before the request ends, so it is not chunked. */
    @Test
    void aCreateIsAnsweredWholeWithItsLengthAndTheInvitesLocation() {
        byte[] body = inviteBody(uniqueEmail()).getBytes(StandardCharsets.UTF_8);
        RawHttp.Response response = new RawHttp(port)
                .send(
                        "POST",
                        api.invites(),
                        List.of(
                                Map.entry("Authorization", "Bearer " + TestTokens.admin(api.storeId)),
                                Map.entry("Content-Type", "application/json")),
                        body);

        assertThat(response.status()).as(response.bodyText()).isEqualTo(201);
        assertThat(response.header("Transfer-Encoding")).isNull();
        assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(response.body().length));
        String inviteId = json.readTree(response.body()).get("id").asString();
        assertThat(response.header("Location")).isEqualTo(api.invites() + "/" + inviteId);
    }

    @Test
    void commandContinuesTheTraceOfTheRequestThatCreatedIt() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String inviteId = api.read(mvc.perform(post(api.invites())
                                .header("Authorization", "Bearer " + TestTokens.admin(api.storeId))
                                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(inviteBody(uniqueEmail())))
                        .andExpect(status().isCreated()))
                .get("id")
                .asString();

        awaitOneCommand(inviteId);
        Header traceparent = commands.withKey(inviteId).get(0).headers().lastHeader("traceparent");
        assertThat(traceparent).isNotNull();
        // same trace, and a span of invite-api's own (the request's), not the caller's
        assertThat(new String(traceparent.value(), StandardCharsets.UTF_8))
                .startsWith("00-" + traceId + "-")
                .doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void storedDocumentUsesTheFieldNamesTheWorkersRead() throws Exception {
        String inviteId = api.invite().get("id").asString();
        Document stored = mongo.findById(inviteId, Document.class, "invites");

        assertThat(stored.get("link", Document.class).getString("id")).isNotBlank();
        assertThat(stored.get("link", Document.class).getString("tokenHash")).isNotBlank();
        assertThat(stored.get("invitedBy", Document.class).getString("id")).isEqualTo("admin-1");
        assertThat(stored.getString("status")).isEqualTo("PENDING");
        assertThat(stored.getString("commandId")).isNotBlank();
        assertThat(stored.toJson()).doesNotContain(api.tokenOfLink(inviteId));
    }

    @Test
    void everyCommandCarriesAUniqueId() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(api.invite().get("id").asString());
        }
        api.resend(ids.get(0)).andExpect(status().isAccepted());

        // Publication is at least once (consumers dedupe on the id), so count distinct commands.
        await().untilAsserted(() -> assertThat(
                        commandsOf(ids).stream().map(NotifyInvite::commandId).distinct())
                .hasSize(4));
        assertThat(commandsOf(ids).stream().map(NotifyInvite::reason).distinct())
                .containsExactlyInAnyOrder(NotifyReason.INVITE, NotifyReason.RESEND);
    }

    private List<NotifyInvite> commandsOf(List<String> inviteIds) {
        return inviteIds.stream()
                .flatMap(id -> commands.withKey(id).stream())
                .map(this::decode)
                .toList();
    }

    @Test
    void secondOpenInviteForTheSameEmailIsAConflictNamingTheFirst() throws Exception {
        String email = uniqueEmail();
        String first = api.invite(email).get("id").asString();

        api.create(inviteBody(email.toUpperCase()))
                .andExpect(status().isConflict())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.existingInviteId").value(first))
                .andExpect(jsonPath("$.detail", containsString(first)));
    }

    @Test
    void sameIdempotencyKeyAndBodyReturnsTheFirstInviteAndDifferentBodyIs422() throws Exception {
        String body = inviteBody(uniqueEmail());
        String first = api.read(api.create(body, "key-1").andExpect(status().isCreated()))
                .get("id")
                .asString();
        String again = api.read(api.create(body, "key-1").andExpect(status().isCreated()))
                .get("id")
                .asString();

        assertThat(again).isEqualTo(first);
        api.create(inviteBody(uniqueEmail()), "key-1")
                .andExpect(status().isUnprocessableContent())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")));
        await().untilAsserted(() -> assertThat(commands.withKey(first)).hasSize(1));
    }

    @Test
    void invalidRequestsAreRefusedNamingTheField() throws Exception {
        assertInvalid("{\"email\": \"a@example.com\\r\\nBcc: victim@example.com\", \"role\": \"ADMIN\"}", "email");
        assertInvalid("{\"email\": \"not-an-address\", \"role\": \"ADMIN\"}", "email");
        assertInvalid("{\"email\": \"a@example.com, b@example.com\", \"role\": \"ADMIN\"}", "email");
        assertInvalid("{\"role\": \"ADMIN\"}", "email");
        assertInvalid("{\"email\": \"a@example.com\", \"role\": \"OWNER\"}", "role");
        assertInvalid("{\"email\": \"a@example.com\", \"role\": \"ADMIN\", \"expiresInDays\": 0}", "expiresInDays");
        assertInvalid("{\"email\": \"a@example.com\", \"role\": \"ADMIN\", \"expiresInDays\": 31}", "expiresInDays");
        assertInvalid(
                "{\"email\": \"a@example.com\", \"role\": \"ADMIN\", \"message\": \"" + "x".repeat(1001) + "\"}",
                "message");
        assertInvalid("{\"email\": \"a@example.com\", \"role\": \"ADMIN\", \"phone\": \"12345\"}", "phone");
        assertInvalid(
                "{\"email\": \"a@example.com\", \"role\": \"ADMIN\", \"expiresInDays\": \"soon\"}", "expiresInDays");
        api.list("").andExpect(jsonPath("$.items").isEmpty());
    }

    @Test
    void listShowsOpenInvitesNewestFirstInCursorPages() throws Exception {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(api.invite().get("id").asString());
            clock.advance(Duration.ofMillis(5));
        }
        api.delete(created.get(0)).andExpect(status().isNoContent());

        JsonNode first = api.read(api.list("?limit=2"));
        JsonNode second =
                api.read(api.list("?limit=2&cursor=" + first.get("nextCursor").asString()));

        List<String> seen = new ArrayList<>();
        for (JsonNode page : List.of(first, second)) {
            page.get("items").forEach(item -> seen.add(item.get("id").asString()));
        }
        assertThat(seen).containsExactly(created.get(4), created.get(3), created.get(2), created.get(1));
        assertThat(second.get("nextCursor").isNull()).isTrue();
        api.list("?status=REVOKED").andExpect(jsonPath("$.items[0].id").value(created.get(0)));
        api.list("?status=ALL").andExpect(jsonPath("$.items.length()").value(5));
        api.list("?status=SOMETIMES")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"));
        api.list("?cursor=garbage!")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cursor"));
    }

    @Test
    void resendRotatesTheLinkRevivesAnExpiredInviteAndQueuesANewDelivery() throws Exception {
        String inviteId = api.read(
                        api.create(inviteBody(uniqueEmail()).replace("\"expiresInDays\": 7", "\"expiresInDays\": 1")))
                .get("id")
                .asString();
        String oldToken = api.tokenOfLink(inviteId);
        clock.advance(Duration.ofDays(2));
        api.get(api.invites() + "/" + inviteId).andExpect(jsonPath("$.status").value("EXPIRED"));
        api.list("").andExpect(jsonPath("$.items[0].status").value("EXPIRED"));
        api.preview(oldToken)
                .andExpect(status().isGone())
                .andExpect(jsonPath("$.reason").value("EXPIRED"));

        api.resend(inviteId)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.delivery.state").value("QUEUED"));

        String newToken = api.tokenOfLink(inviteId);
        assertThat(newToken).isNotEqualTo(oldToken);
        api.preview(oldToken)
                .andExpect(status().isGone())
                .andExpect(jsonPath("$.reason").value("REPLACED"));
        api.preview(newToken)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.storeId").value(api.storeId));
        await().untilAsserted(() -> assertThat(commands.withKey(inviteId)).hasSize(2));
        NotifyInvite resent = decode(commands.withKey(inviteId).get(1));
        assertThat(resent.reason()).isEqualTo(NotifyReason.RESEND);
        Document stored = mongo.findById(inviteId, Document.class, "invites");
        assertThat(resent.linkId()).isEqualTo(stored.get("link", Document.class).getString("id"));
        assertThat(stored.getDate("expiresAt").toInstant())
                .isAfter(clock.instant().plus(Duration.ofHours(23)));
    }

    @Test
    void resendIsLimitedPerInviteWithRetryAfter() throws Exception {
        String inviteId = api.invite().get("id").asString();
        for (int i = 0; i < 5; i++) {
            api.resend(inviteId).andExpect(status().isAccepted());
        }
        api.resend(inviteId).andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"));
        clock.advance(Duration.ofMinutes(61));
        api.resend(inviteId).andExpect(status().isAccepted());
    }

    @Test
    void copyLinkReturnsTheLiveLinkWithoutSendingOrRotating() throws Exception {
        String inviteId = api.invite().get("id").asString();
        JsonNode link = api.read(api.link(inviteId).andExpect(status().isOk()));
        assertThat(link.get("url").asString()).startsWith("http://localhost:8080/accept?token=");
        assertThat(link.get("expiresAt").asString()).isNotBlank();
        assertThat(api.read(api.link(inviteId)).get("url")).isEqualTo(link.get("url"));
        await().untilAsserted(() -> assertThat(commands.withKey(inviteId)).hasSize(1));
    }

    @Test
    void deletedInviteLeavesTheListItsLinkIsRefusedAndNothingIsSent() throws Exception {
        String inviteId = api.invite().get("id").asString();
        String token = api.tokenOfLink(inviteId);

        api.delete(inviteId).andExpect(status().isNoContent());

        api.list("").andExpect(jsonPath("$.items[*].id", not(hasItem(inviteId))));
        api.preview(token)
                .andExpect(status().isGone())
                .andExpect(jsonPath("$.reason").value("REVOKED"));
        api.accept(token, "Eve").andExpect(status().isGone());
        api.delete(inviteId).andExpect(status().isNotFound());
        api.resend(inviteId).andExpect(status().isNotFound());
        api.link(inviteId).andExpect(status().isNotFound());
        await().untilAsserted(() -> assertThat(commands.withKey(inviteId)).hasSize(1));
    }

    @Test
    void previewDoesNotConsumeTheTokenAndAcceptRecordsTheAdminOnce() throws Exception {
        String email = uniqueEmail();
        String inviteId = api.invite(email).get("id").asString();
        String token = api.tokenOfLink(inviteId);

        api.preview(token)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(email));
        api.preview(token)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.role").value("ADMIN"));
        api.accept(token, "Grace Hopper")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.email").value(email))
                .andExpect(jsonPath("$.name").value("Grace Hopper"))
                .andExpect(jsonPath("$.storeId").value(api.storeId));

        api.accept(token, "Mallory")
                .andExpect(status().isGone())
                .andExpect(jsonPath("$.reason").value("ACCEPTED"));
        assertThat(adminUsers.find(inviteId).name()).isEqualTo("Grace Hopper");
        api.list("").andExpect(jsonPath("$.items").isEmpty());
        api.list("?status=ACCEPTED").andExpect(jsonPath("$.items[0].id").value(inviteId));
        api.delete(inviteId).andExpect(status().isConflict());
        api.resend(inviteId).andExpect(status().isConflict());
        api.preview("not-a-real-token").andExpect(status().isNotFound());
    }

    @Test
    void concurrentAcceptsOfOneLinkYieldOneAcceptance() throws Exception {
        String inviteId = api.invite().get("id").asString();
        String token = api.tokenOfLink(inviteId);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> accepts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String name = "Racer " + i;
                accepts.add(
                        () -> api.accept(token, name).andReturn().getResponse().getStatus());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(accepts)) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnlyOnce(201);
            assertThat(statuses).filteredOn(code -> code != 201).containsOnly(410);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void auditTrailRecordsWhoCreatedCopiedResentAndDeleted() throws Exception {
        String inviteId = api.invite().get("id").asString();
        api.link(inviteId).andExpect(status().isOk());
        api.resend(inviteId).andExpect(status().isAccepted());
        api.delete(inviteId).andExpect(status().isNoContent());

        await().untilAsserted(() -> api.get("/api/v1/stores/" + api.storeId + "/audit?inviteId=" + inviteId)
                .andExpect(jsonPath("$.items.length()").value(4))
                .andExpect(jsonPath("$.items[*].action", hasItem("CREATED")))
                .andExpect(jsonPath("$.items[*].action", hasItem("LINK_COPIED")))
                .andExpect(jsonPath("$.items[*].action", hasItem("RESENT")))
                .andExpect(jsonPath("$.items[*].action", hasItem("REVOKED")))
                .andExpect(jsonPath("$.items[0].actor.id").value("admin-1")));
    }

    @Test
    void settingsDefaultFromConfigurationAndAreValidated() throws Exception {
        api.get("/api/v1/stores/" + api.storeId + "/settings")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.channels[0]").value("EMAIL"))
                .andExpect(jsonPath("$.inviteTtlDays").value(7));
        mvc.perform(put("/api/v1/stores/" + api.storeId + "/settings")
                        .header("Authorization", "Bearer " + TestTokens.admin(api.storeId))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channels\": [], \"inviteTtlDays\": 40}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("channels")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("inviteTtlDays")));
        mvc.perform(put("/api/v1/stores/" + api.storeId + "/settings")
                        .header("Authorization", "Bearer " + TestTokens.admin(api.storeId))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"storeName\": \"Boxes & Cases\", \"channels\": [\"EMAIL\"], \"inviteTtlDays\": 3,"
                                + " \"acceptUrlBase\": \"https://admin.example.com/accept\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.storeName").value("Boxes & Cases"));
        String inviteId = api.invite().get("id").asString();
        assertThat(api.read(api.link(inviteId)).get("url").asString())
                .startsWith("https://admin.example.com/accept?token=");
    }

    private void assertInvalid(String body, String field) throws Exception {
        api.create(body)
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
    }

    private NotifyInvite awaitOneCommand(String inviteId) {
        await().untilAsserted(() -> assertThat(commands.withKey(inviteId)).hasSize(1));
        return decode(commands.withKey(inviteId).get(0));
    }

    private NotifyInvite decode(ConsumerRecord<String, String> record) {
        return json.readValue(record.value(), NotifyInvite.class);
    }
}
