package com.boxncase.invites.api.delivery;

import static com.boxncase.invites.api.support.InviteFixtures.inviteBody;
import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static com.boxncase.invites.api.support.InviteFixtures.uniqueEmail;
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
import java.time.Instant;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
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
        publish(commandId, DeliveryState.SENDING, 1, null);
        await().untilAsserted(() -> row().andExpect(jsonPath("$.delivery.state").value("SENDING")));
        publish(commandId, DeliveryState.RETRYING, 1, "451 try again later");
        await().untilAsserted(() -> row().andExpect(jsonPath("$.delivery.state").value("RETRYING"))
                .andExpect(jsonPath("$.delivery.lastError").value("451 try again later")));
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

        publish(commandId, DeliveryState.SENDING, 2, null); // late
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

    private ResultActions row() throws Exception {
        return mvc.perform(get("/api/v1/stores/" + store + "/invites/" + inviteId)
                .header("Authorization", "Bearer " + TestTokens.admin(store)));
    }

    private void publish(String command, DeliveryState state, int attempt, String error) throws Exception {
        publish(command, Channel.EMAIL, state, attempt, error);
    }

    private void publish(String command, Channel channel, DeliveryState state, int attempt, String error)
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
                Instant.now());
        kafka.send(Topics.DELIVERY_STATUS, inviteId, json.writeValueAsString(event))
                .get();
    }
}
