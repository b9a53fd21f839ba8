package com.boxncase.invites.api.settings;

import static com.boxncase.invites.api.support.InviteFixtures.inviteBody;
import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static com.boxncase.invites.api.support.InviteFixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import com.boxncase.invites.api.support.TestTokens;
import com.boxncase.invites.api.support.TopicRecorder;
import com.boxncase.invites.contracts.Topics;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A store's time zone (issue 14, item 1) and how the invitee sees the store's settings. */
@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreTimeZoneTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    MongoTemplate mongo;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    TopicRecorder commands;

    @BeforeAll
    void recordCommands() {
        commands = new TopicRecorder(brokers, Topics.NOTIFY);
    }

    @AfterAll
    void stopRecording() throws InterruptedException {
        commands.close();
    }

    @Test
    void aStoreWithoutATimeZoneUsesTheConfiguredDefaultUtc() throws Exception {
        String store = newStore();

        as(store, get(settings(store)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.timeZone").value("UTC"));
    }

    @Test
    void aStoresTimeZoneIsSavedAndTravelsWithItsInvitesToTheNotifier() throws Exception {
        String store = newStore();
        saveSettings(store, "America/New_York")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.timeZone").value("America/New_York"));
        as(store, get(settings(store))).andExpect(jsonPath("$.timeZone").value("America/New_York"));

        String inviteId = read(as(
                                store,
                                post("/api/v1/stores/" + store + "/invites")
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(inviteBody(uniqueEmail())))
                        .andExpect(status().isCreated()))
                .get("id")
                .asString();

        // the store's settings travel stamped on the invite, which the notifier reads; the command carries ids only
        Document stored = mongo.findById(inviteId, Document.class, "invites");
        assertThat(stored.get("store", Document.class).getString("timeZone")).isEqualTo("America/New_York");
    }

    @Test
    void aTimeZoneThatIsNotAnIanaRegionIsRefusedNamingTheField() throws Exception {
        String store = newStore();
        for (String wrong : new String[] {"Mars/Olympus", "+02:00", "EST5EDT ", "x".repeat(65)}) {
            saveSettings(store, wrong)
                    .andExpect(status().isBadRequest())
                    .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                    .andExpect(jsonPath("$.errors[0].field").value("timeZone"));
        }
        as(store, get(settings(store))).andExpect(jsonPath("$.timeZone").value("UTC"));
    }

    @Test
    void theInviteeSeesTheRoleByNameInTheirLanguageAndTheStoresTimeZone() throws Exception {
        String store = newStore();
        saveSettings(store, "Europe/Berlin").andExpect(status().isOk());
        String body = """
                {"email": "%s", "role": "STAFF", "locale": "de", "expiresInDays": 7}
                """.formatted(uniqueEmail());
        String inviteId = read(as(
                                store,
                                post("/api/v1/stores/" + store + "/invites")
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(body))
                        .andExpect(status().isCreated()))
                .get("id")
                .asString();
        String url = read(as(store, get("/api/v1/stores/" + store + "/invites/" + inviteId + "/link")))
                .get("url")
                .asString();

        mvc.perform(get("/api/v1/invites/accept").param("token", url.substring(url.indexOf("token=") + 6)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.role").value("STAFF"))
                .andExpect(jsonPath("$.roleName").value("Teammitglied"))
                .andExpect(jsonPath("$.roleDescription").value(containsString("Shop-Verwaltung")))
                .andExpect(jsonPath("$.timeZone").value("Europe/Berlin"));
    }

    private ResultActions saveSettings(String store, String timeZone) throws Exception {
        String body = json.writeValueAsString(
                Map.of("storeName", "Corner Shop", "channels", List.of("EMAIL"), "timeZone", timeZone));
        return as(
                store,
                put(settings(store)).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static String settings(String store) {
        return "/api/v1/stores/" + store + "/settings";
    }

    private JsonNode read(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private ResultActions as(String store, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + TestTokens.admin(store)));
    }
}
