package com.boxncase.invites.api.delivery;

import static com.boxncase.invites.api.support.InviteFixtures.inviteBody;
import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static com.boxncase.invites.api.support.InviteFixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import com.boxncase.invites.api.support.TestTokens;
import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.DeliveryStatusChanged;
import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.document.DeliveryRecord;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

@ApiIntegrationTest
class DeliveryStatusProjectionTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    DeliveryStatuses statuses;

    String store;
    String inviteId;
    String commandId;

    @BeforeEach
    void invite() throws Exception {
        store = newStore();
        String body = mvc.perform(post("/api/v1/stores/" + store + "/invites")
                        .header("Authorization", "Bearer " + TestTokens.admin(store))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(inviteBody(uniqueEmail())))
                .andReturn()
                .getResponse()
                .getContentAsString();
        inviteId = json.readTree(body).get("id").asString();
        commandId = mongo.findById(inviteId, Document.class, "invites").getString("commandId");
    }

    @Test
    void statusEventsShowInThePendingTableAndSentCountsTheSend() throws Exception {
        Instant nextAttempt = Instant.parse("2030-01-01T10:00:30Z");
        publish(commandId, Channel.EMAIL, DeliveryState.RETRYING, 1, "451 try again later", nextAttempt);
        await().untilAsserted(() -> row().andExpect(jsonPath("$.delivery.state").value("RETRYING"))
                .andExpect(jsonPath("$.delivery.lastError").value("451 try again later"))
                .andExpect(jsonPath("$.delivery.nextAttemptAt").value("2030-01-01T10:00:30Z")));
        publish(commandId, DeliveryState.SENT, 2, null);
        await().untilAsserted(() -> row().andExpect(jsonPath("$.delivery.state").value("SENT"))
                .andExpect(jsonPath("$.delivery.attempts").value(2))
                .andExpect(jsonPath("$.sendCount").value(1))
                .andExpect(jsonPath("$.lastSentAt").isNotEmpty()));
    }

    @Test
    void lateDuplicateOrSupersededEventsNeverMoveTheDeliveryBackwards() throws Exception {
        publish(commandId, DeliveryState.SENT, 1, null);
        await().untilAsserted(() -> row().andExpect(jsonPath("$.delivery.state").value("SENT")));

        publish(commandId, DeliveryState.RETRYING, 2, "late"); // late
        publish(commandId, DeliveryState.SENT, 1, null); // duplicate
        publish("an-older-command", DeliveryState.FAILED, 5, "stale"); // another command's
        String marker = UUID.randomUUID().toString();
        publish(commandId, DeliveryState.DELIVERED, 1, marker); // ordered after the others on the partition

        await().untilAsserted(() -> row().andExpect(jsonPath("$.delivery.state").value("DELIVERED")));
        row().andExpect(jsonPath("$.sendCount").value(1));
    }

    @Test
    void oneCommandSentOnTwoChannelsCountsAsOneSend() throws Exception {
        publish(commandId, DeliveryState.SENT, 1, null);
        publish(commandId, Channel.SMS, DeliveryState.SENT, 1, null);
        publish(commandId, Channel.SMS, DeliveryState.DELIVERED, 1, null);

        await().untilAsserted(
                        () -> row().andExpect(jsonPath("$.deliveries[1].state").value("DELIVERED")));
        row().andExpect(jsonPath("$.sendCount").value(1))
                .andExpect(jsonPath("$.delivery.state").value("SENT"));
    }

    @Test
    void aReminderKeepsItsOwnDeliveriesAndIsNotCountedAsASend() throws Exception {
        publish(commandId, DeliveryState.SENT, 1, null);
        await().untilAsserted(() -> row().andExpect(jsonPath("$.sendCount").value(1)));
        String reminderCommand = "reminder-" + UUID.randomUUID();
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(inviteId)),
                new Update()
                        .set("reminderCommandId", reminderCommand)
                        .set(
                                "reminderDeliveries",
                                DeliveryRecord.queuedDocument(List.of(Channel.EMAIL), reminderCommand, Instant.now())),
                "invites");

        publish(reminderCommand, DeliveryState.SENT, 1, null);

        await().untilAsserted(
                        () -> row().andExpect(jsonPath("$.reminders[0].state").value("SENT")));
        row().andExpect(jsonPath("$.delivery.state").value("SENT"))
                .andExpect(jsonPath("$.deliveryKind").value("INVITE"))
                .andExpect(jsonPath("$.sendCount").value(1));
    }

    @Test
    void aBatchOfEventsForOneInviteEndsWhereTheFurthestLeadsInAnyOrder() {
        Instant now = Instant.now();
        int changed = statuses.apply(List.of(
                event(commandId, Channel.EMAIL, DeliveryState.RETRYING, 1, now),
                event(commandId, Channel.EMAIL, DeliveryState.SENT, 2, now),
                event(commandId, Channel.EMAIL, DeliveryState.RETRYING, 1, now),
                event("an-older-command", Channel.EMAIL, DeliveryState.FAILED, 3, now)));

        assertThat(changed).isEqualTo(1);
        Document email = mongo.findById(inviteId, Document.class, "invites")
                .get("deliveries", Document.class)
                .get("EMAIL", Document.class);
        assertThat(email.getString("state")).isEqualTo("SENT");
        assertThat(email.getInteger("attempts")).isEqualTo(2);
        assertThat(statuses.apply(List.of(event(commandId, Channel.EMAIL, DeliveryState.SENT, 2, now))))
                .as("a duplicate changes nothing")
                .isZero();
    }

    private DeliveryStatusChanged event(String command, Channel channel, DeliveryState state, int attempt, Instant at) {
        return new DeliveryStatusChanged(
                DeliveryStatusChanged.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                inviteId,
                store,
                command,
                channel,
                state,
                attempt,
                null,
                null,
                at,
                null);
    }

    private ResultActions row() throws Exception {
        return mvc.perform(get("/api/v1/stores/" + store + "/invites/" + inviteId)
                .header("Authorization", "Bearer " + TestTokens.admin(store)));
    }

    private void publish(String command, DeliveryState state, int attempt, String error) throws Exception {
        publish(command, Channel.EMAIL, state, attempt, error);
    }

    private void publish(String command, Channel channel, DeliveryState state, int attempt, String error)
            throws Exception {
        publish(command, channel, state, attempt, error, null);
    }

    private void publish(
            String command, Channel channel, DeliveryState state, int attempt, String error, Instant nextAttemptAt)
            throws Exception {
        DeliveryStatusChanged event = new DeliveryStatusChanged(
                DeliveryStatusChanged.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                inviteId,
                store,
                command,
                channel,
                state,
                attempt,
                null,
                error,
                Instant.now(),
                nextAttemptAt);
        kafka.send(Topics.DELIVERY_STATUS, inviteId, json.writeValueAsString(event))
                .get();
    }
}
