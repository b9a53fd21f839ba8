package com.boxncase.invites.api.delivery.sms;

import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static com.boxncase.invites.api.support.InviteFixtures.uniqueEmail;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import com.boxncase.invites.api.support.TestTokens;
import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.DeliveryStatusChanged;
import com.boxncase.invites.contracts.SmsStatusCallback;
import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.localstack.TwilioSignature;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
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
class TwilioStatusWebhookTest {

    private static final String PHONE = "+4915112345678";

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
    String sid;

    @BeforeEach
    void smsAndEmailInvite() throws Exception {
        store = newStore();
        mvc.perform(put("/api/v1/stores/" + store + "/settings")
                        .header("Authorization", "Bearer " + TestTokens.admin(store))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channels\": [\"EMAIL\", \"SMS\"]}"))
                .andExpect(status().isOk());
        String body = mvc.perform(post("/api/v1/stores/" + store + "/invites")
                        .header("Authorization", "Bearer " + TestTokens.admin(store))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\": \"%s\", \"phone\": \"%s\", \"role\": \"ADMIN\"}"
                                .formatted(uniqueEmail(), PHONE)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        inviteId = json.readTree(body).get("id").asString();
        commandId = mongo.findById(inviteId, Document.class, "invites").getString("commandId");
        sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void signedDeliveredCallbackMakesTheListShowDelivered() throws Exception {
        publishSent(Channel.SMS, sid);
        await().untilAsserted(
                        () -> row().andExpect(jsonPath("$.deliveries[1].state").value("SENT")));

        signedCallback(params("delivered", null)).andExpect(status().isNoContent());

        await().untilAsserted(() -> row().andExpect(
                        jsonPath("$.deliveries[1].channel").value("SMS"))
                .andExpect(jsonPath("$.deliveries[1].state").value("DELIVERED")));
        mvc.perform(get("/api/v1/stores/" + store + "/invites")
                        .header("Authorization", "Bearer " + TestTokens.admin(store)))
                .andExpect(jsonPath("$.items[0].deliveries[1].state").value("DELIVERED"));
    }

    @Test
    void storeWithBothChannelsShowsBothDeliveries() throws Exception {
        row().andExpect(jsonPath("$.deliveries.length()").value(2))
                .andExpect(jsonPath("$.deliveries[0].channel").value("EMAIL"))
                .andExpect(jsonPath("$.deliveries[1].channel").value("SMS"))
                .andExpect(jsonPath("$.deliveries[1].state").value("QUEUED"));

        publishSent(Channel.EMAIL, "<m1@boxncase.local>");
        publishSent(Channel.SMS, sid);
        signedCallback(params("undelivered", "30003")).andExpect(status().isNoContent());

        await().untilAsserted(
                        () -> row().andExpect(jsonPath("$.deliveries[0].state").value("SENT"))
                                .andExpect(jsonPath("$.deliveries[1].state").value("UNDELIVERED"))
                                .andExpect(jsonPath("$.deliveries[1].lastError").value(containsString("30003"))));
    }

    @Test
    void missingOrWrongSignatureIsRefusedAndRecordsNothing() throws Exception {
        publishSent(Channel.SMS, sid);
        await().untilAsserted(
                        () -> row().andExpect(jsonPath("$.deliveries[1].state").value("SENT")));
        Map<String, String> delivered = params("delivered", null);

        callback(form(delivered), null)
                .andExpect(status().isForbidden())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")));
        callback(form(delivered), TwilioSignature.sign("another-token", callbackUrl(), delivered))
                .andExpect(status().isForbidden());
        Map<String, String> tampered = new LinkedHashMap<>(delivered);
        String signature = TwilioSignature.sign(ApiIntegrationTest.TWILIO_AUTH_TOKEN, callbackUrl(), delivered);
        tampered.put("MessageStatus", "failed");
        callback(form(tampered), signature).andExpect(status().isForbidden());
        String otherInvite = new SmsStatusCallback("another-invite", store, commandId, 1)
                .appendTo(ApiIntegrationTest.TWILIO_CALLBACK_URL);
        callback(form(delivered), signature, URI.create(otherInvite).getRawQuery())
                .andExpect(status().isForbidden());

        row().andExpect(jsonPath("$.deliveries[1].state").value("SENT"));
    }

    @Test
    void callbackThatArrivesBeforeTheSentEventIsAppliedAtOnceAndTheLateSentChangesNothing() throws Exception {
        signedCallback(params("delivered", null)).andExpect(status().isNoContent());
        row().andExpect(jsonPath("$.deliveries[1].state").value("DELIVERED"));

        publishSent(Channel.SMS, sid);
        publishSent(Channel.EMAIL, "<m1@boxncase.local>");

        await().untilAsserted(
                        () -> row().andExpect(jsonPath("$.deliveries[0].state").value("SENT")));
        row().andExpect(jsonPath("$.deliveries[1].state").value("DELIVERED"));
    }

    @Test
    void callbackOfASupersededCommandChangesNothing() throws Exception {
        mvc.perform(post("/api/v1/stores/" + store + "/invites/" + inviteId + "/resend")
                        .header("Authorization", "Bearer " + TestTokens.admin(store)))
                .andExpect(status().isAccepted());

        signedCallback(params("undelivered", "30003")).andExpect(status().isNoContent());

        row().andExpect(jsonPath("$.deliveries[1].state").value("QUEUED"));
    }

    @Test
    void queuedAndDuplicateCallbacksChangeNothingAndNeverMoveBackwards() throws Exception {
        publishSent(Channel.SMS, sid);
        await().untilAsserted(
                        () -> row().andExpect(jsonPath("$.deliveries[1].state").value("SENT")));
        signedCallback(params("delivered", null)).andExpect(status().isNoContent());
        await().untilAsserted(
                        () -> row().andExpect(jsonPath("$.deliveries[1].state").value("DELIVERED")));

        signedCallback(params("queued", null)).andExpect(status().isNoContent());
        signedCallback(params("sent", null)).andExpect(status().isNoContent());
        signedCallback(params("delivered", null)).andExpect(status().isNoContent());

        row().andExpect(jsonPath("$.deliveries[1].state").value("DELIVERED"));
    }

    private Map<String, String> params(String status, String errorCode) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", "AC00000000000000000000000000000001");
        params.put("ApiVersion", "2010-04-01");
        params.put("From", "+15005550006");
        params.put("MessageSid", sid);
        params.put("MessageStatus", status);
        params.put("SmsSid", sid);
        params.put("SmsStatus", status);
        params.put("To", PHONE);
        if (errorCode != null) {
            params.put("ErrorCode", errorCode);
        }
        return params;
    }

    /** Signed as Twilio signs it: the callback URL with the ids the notifier put on it, and the form. */
    private ResultActions signedCallback(Map<String, String> params) throws Exception {
        return callback(
                form(params), TwilioSignature.sign(ApiIntegrationTest.TWILIO_AUTH_TOKEN, callbackUrl(), params));
    }

    private String callbackUrl() {
        return new SmsStatusCallback(inviteId, store, commandId, 1).appendTo(ApiIntegrationTest.TWILIO_CALLBACK_URL);
    }

    private ResultActions callback(String form, String signature) throws Exception {
        return callback(form, signature, URI.create(callbackUrl()).getRawQuery());
    }

    private ResultActions callback(String form, String signature, String query) throws Exception {
        var request = post("/webhooks/twilio/status?" + query)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content(form);
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return mvc.perform(request);
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private ResultActions row() throws Exception {
        return mvc.perform(get("/api/v1/stores/" + store + "/invites/" + inviteId)
                .header("Authorization", "Bearer " + TestTokens.admin(store)));
    }

    private void publishSent(Channel channel, String providerMessageId) throws Exception {
        DeliveryStatusChanged event = new DeliveryStatusChanged(
                DeliveryStatusChanged.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                inviteId,
                store,
                commandId,
                channel,
                DeliveryState.SENT,
                1,
                providerMessageId,
                null,
                Instant.now(),
                null);
        kafka.send(Topics.DELIVERY_STATUS, inviteId, json.writeValueAsString(event))
                .get();
    }
}
