package com.boxncase.invites.api.invite;

import static com.boxncase.invites.api.support.InviteFixtures.inviteBody;
import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static com.boxncase.invites.api.support.InviteFixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import com.boxncase.invites.api.support.MutableClock;
import com.boxncase.invites.api.support.TestTokens;
import com.boxncase.invites.contracts.InviteLinks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The invitee's side of issue 14: a link replaced by a resend says so, the store's sign-in URL is a validated
 * setting stamped on each invitation, and a link that was already accepted answers with what the accept page needs
 * to show that friendly state, and nothing more.
 */
@ApiIntegrationTest
class InviteeJourneyTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MutableClock clock;

    @Autowired
    ReplacedLinks replacedLinks;

    InviteApiSupport api;

    @BeforeEach
    void newStoreForEachTest() {
        api = new InviteApiSupport(mvc, json, newStore());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void linkReplacedByAResendAnswersReplacedWhileAnUnknownLinkIsNotFound() throws Exception {
        String inviteId = api.invite().get("id").asString();
        String firstToken = api.tokenOfLink(inviteId);
        api.resend(inviteId).andExpect(status().isAccepted());
        String secondToken = api.tokenOfLink(inviteId);
        api.resend(inviteId).andExpect(status().isAccepted());

        for (String replaced : List.of(firstToken, secondToken)) {
            api.preview(replaced)
                    .andExpect(status().isGone())
                    .andExpect(jsonPath("$.reason").value("REPLACED"))
                    .andExpect(
                            jsonPath("$.detail").value("A newer invitation was sent to you; use the latest message."))
                    .andExpect(jsonPath("$.storeName").value("BoxNCase store"))
                    .andExpect(jsonPath("$.locale").value("en"));
            api.accept(replaced, "Mallory")
                    .andExpect(status().isGone())
                    .andExpect(jsonPath("$.reason").value("REPLACED"));
        }
        api.preview(api.tokenOfLink(inviteId)).andExpect(status().isOk());
        api.preview(InviteLinks.newLinkId() + InviteLinks.newLinkId())
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("This invite link is not valid."))
                .andExpect(jsonPath("$.reason").doesNotExist());

        // Kept by the old token's hash alone, as the invite kept it; the token itself is stored nowhere.
        Document stored = mongo.findById(InviteLinks.hash(firstToken), Document.class, ReplacedLinks.COLLECTION);
        assertThat(stored).isNotNull();
        assertThat(stored.getString("inviteId")).isEqualTo(inviteId);
        assertThat(stored.getDate("replacedAt")).isNotNull();
        assertThat(stored.toJson()).doesNotContain(firstToken);
    }

    @Test
    void replacedLinksAreForgottenByATimeToLiveIndex() {
        var retention = replacedLinks.requiredIndexes().get(0);
        assertThat(retention.collection()).isEqualTo(ReplacedLinks.COLLECTION);
        assertThat(retention.index().getIndexKeys().keySet()).containsExactly("replacedAt");
        assertThat(retention.index().getIndexOptions().get("expireAfterSeconds"))
                .isEqualTo(Duration.ofDays(30).toSeconds());
    }

    @Test
    void oldLinkOfAnInviteAcceptedSinceShowsItWasAcceptedAndOfARevokedOneThatItWasRevoked() throws Exception {
        saveSettings("{\"channels\": [\"EMAIL\"], \"signInUrl\": \"https://admin.example.test/sign-in\"}")
                .andExpect(status().isOk());
        String accepted = api.invite().get("id").asString();
        String acceptedOldToken = api.tokenOfLink(accepted);
        api.resend(accepted).andExpect(status().isAccepted());
        api.accept(api.tokenOfLink(accepted), "Grace Hopper").andExpect(status().isCreated());
        api.preview(acceptedOldToken)
                .andExpect(status().isGone())
                .andExpect(jsonPath("$.reason").value("ACCEPTED"))
                .andExpect(jsonPath("$.signInUrl").value("https://admin.example.test/sign-in"));

        String revoked = api.invite().get("id").asString();
        String revokedOldToken = api.tokenOfLink(revoked);
        api.resend(revoked).andExpect(status().isAccepted());
        api.delete(revoked).andExpect(status().isNoContent());
        api.preview(revokedOldToken)
                .andExpect(status().isGone())
                .andExpect(jsonPath("$.reason").value("REVOKED"))
                .andExpect(jsonPath("$.detail").value("This invitation was revoked."))
                .andExpect(jsonPath("$.signInUrl").doesNotExist());
    }

    @Test
    void signInUrlIsValidatedNamingTheField() throws Exception {
        for (String bad : List.of(
                "javascript:alert(1)",
                "ftp://files.example.test/",
                "https://store.example.test@evil.example.test/",
                "https:///no-host",
                "https://admin.example.test/a b",
                "/relative/sign-in",
                "https://admin.example.test/" + "x".repeat(500))) {
            saveSettings("{\"channels\": [\"EMAIL\"], \"signInUrl\": " + json.writeValueAsString(bad) + "}")
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[*].field", hasItem("signInUrl")));
        }
        api.get("/api/v1/stores/" + api.storeId + "/settings")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.signInUrl").doesNotExist());
    }

    @Test
    void signInUrlIsStampedOnEachInvitationAndShownToTheInvitee() throws Exception {
        String before = api.invite().get("id").asString();
        api.preview(api.tokenOfLink(before))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.signInUrl").doesNotExist());

        saveSettings("{\"channels\": [\"EMAIL\"], \"signInUrl\": \"https://admin.example.test/sign-in?store=s1\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.signInUrl").value("https://admin.example.test/sign-in?store=s1"));
        String inviteId = api.invite().get("id").asString();
        assertThat(stamp(inviteId).getString("signInUrl")).isEqualTo("https://admin.example.test/sign-in?store=s1");
        api.preview(api.tokenOfLink(inviteId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.signInUrl").value("https://admin.example.test/sign-in?store=s1"));

        // A resend stamps the settings of its own period.
        saveSettings("{\"channels\": [\"EMAIL\"], \"signInUrl\": \"https://admin.example.test/v2/sign-in\"}")
                .andExpect(status().isOk());
        api.resend(inviteId).andExpect(status().isAccepted());
        assertThat(stamp(inviteId).getString("signInUrl")).isEqualTo("https://admin.example.test/v2/sign-in");
        // An invitation stamped before the store had one shows where the store signs in now.
        api.preview(api.tokenOfLink(before))
                .andExpect(jsonPath("$.signInUrl").value("https://admin.example.test/v2/sign-in"));
    }

    @Test
    void acceptedLinkAnswers410WithWhatThePageNeedsAndNothingSensitive() throws Exception {
        saveSettings("{\"storeName\": \"Boxes & Cases\", \"channels\": [\"EMAIL\"],"
                        + " \"signInUrl\": \"https://admin.example.test/sign-in\"}")
                .andExpect(status().isOk());
        String email = uniqueEmail();
        String inviteId = api.read(api.create(inviteBody(email).replace("\"locale\": \"en\"", "\"locale\": \"de\"")))
                .get("id")
                .asString();
        String token = api.tokenOfLink(inviteId);
        api.preview(token)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.locale").value("de"));
        api.accept(token, "Grete Müller").andExpect(status().isCreated());

        for (ResultActions again : List.of(api.preview(token), api.accept(token, "Grete Müller"))) {
            JsonNode problem = api.read(again.andExpect(status().isGone()));
            assertThat(problem.get("reason").asString()).isEqualTo("ACCEPTED");
            assertThat(problem.get("storeName").asString()).isEqualTo("Boxes & Cases");
            assertThat(problem.get("signInUrl").asString()).isEqualTo("https://admin.example.test/sign-in");
            assertThat(problem.get("locale").asString()).isEqualTo("de");
            List<String> members = new ArrayList<>(problem.propertyNames());
            assertThat(members)
                    .as("no email, name, role or id of the invite in a link's problem")
                    .allMatch(List.of(
                            "type",
                            "title",
                            "status",
                            "detail",
                            "instance",
                            "reason",
                            "storeName",
                            "locale",
                            "signInUrl")::contains);
            assertThat(problem.toString()).doesNotContain(email, "Grete", inviteId);
        }
    }

    @Test
    void expiredLinkNamesTheStoreAndLanguageButNoSignInUrl() throws Exception {
        saveSettings("{\"storeName\": \"Kisten\", \"channels\": [\"EMAIL\"],"
                        + " \"signInUrl\": \"https://admin.example.test/sign-in\"}")
                .andExpect(status().isOk());
        String expiring = api.read(api.create(inviteBody(uniqueEmail())
                        .replace("\"expiresInDays\": 7", "\"expiresInDays\": 1")
                        .replace("\"locale\": \"en\"", "\"locale\": \"de\"")))
                .get("id")
                .asString();
        String expiringToken = api.tokenOfLink(expiring);
        clock.advance(Duration.ofDays(2));
        api.preview(expiringToken)
                .andExpect(status().isGone())
                .andExpect(jsonPath("$.reason").value("EXPIRED"))
                .andExpect(jsonPath("$.storeName").value("Kisten"))
                .andExpect(jsonPath("$.locale").value("de"))
                .andExpect(jsonPath("$.signInUrl").doesNotExist());
    }

    private ResultActions saveSettings(String body) throws Exception {
        return mvc.perform(put("/api/v1/stores/" + api.storeId + "/settings")
                .header("Authorization", "Bearer " + TestTokens.admin(api.storeId))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private Document stamp(String inviteId) {
        return mongo.findById(inviteId, Document.class, "invites").get("store", Document.class);
    }
}
