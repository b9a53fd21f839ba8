package com.boxncase.invites.api.invite;

import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import com.boxncase.invites.api.support.InviteFixtures;
import com.boxncase.invites.api.support.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the admin console needs from the invite API: search by email prefix, a 409 it can show, the users list. */
@ApiIntegrationTest
class InviteSearchAndConflictTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    InviteApiSupport api;

    @BeforeEach
    void store() {
        api = new InviteApiSupport(mvc, json, newStore());
    }

    @Test
    void searchByEmailPrefixIgnoresCaseAndKeepsNewestFirst() throws Exception {
        String first = api.invite("Ada.Lovelace@example.com").get("id").asString();
        String second = api.invite("ada.byron@example.com").get("id").asString();
        api.invite("grace@example.com");

        assertThat(ids(search("ADA", null))).containsExactly(second, first);
        assertThat(ids(search("ada.l", null))).containsExactly(first);
        assertThat(ids(search(" ada.lovelace@example.com ", null))).containsExactly(first);
        assertThat(ids(search("zed", null))).isEmpty();
    }

    @Test
    void searchTreatsRegexCharactersAsPlainText() throws Exception {
        String plus = api.invite("new.admin+ops@example.com").get("id").asString();
        api.invite("newXadmin@example.com");

        assertThat(ids(search("new.admin+", null))).containsExactly(plus);
        assertThat(ids(search(".*", null))).isEmpty();
        assertThat(ids(search("new.", null))).containsExactly(plus);
    }

    @Test
    void searchCombinesWithTheStatusFilter() throws Exception {
        String revoked = api.invite("sam@example.com").get("id").asString();
        api.delete(revoked).andExpect(status().isNoContent());
        String open = api.invite("sam@example.com").get("id").asString();

        assertThat(ids(search("sam", null))).containsExactly(open);
        assertThat(ids(search("sam", "REVOKED"))).containsExactly(revoked);
        assertThat(ids(search("sam", "ALL"))).containsExactly(open, revoked);
    }

    @Test
    void searchPrefixWithControlCharactersIsABadRequestNamingTheParameter() throws Exception {
        search("a\nb", null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("emailPrefix"));
        search("a".repeat(255), null).andExpect(status().isBadRequest());
    }

    @Test
    void secondInviteForAnOpenEmailIsAConflictNamingTheOpenInviteAndWhenItWasCreated() throws Exception {
        JsonNode existing = api.invite("twice@example.com");

        api.create(InviteFixtures.inviteBody("TWICE@example.com"))
                .andExpect(status().isConflict())
                .andExpect(
                        jsonPath("$.existingInviteId").value(existing.get("id").asString()))
                .andExpect(jsonPath("$.existingInviteCreatedAt")
                        .value(existing.get("createdAt").asString()))
                .andExpect(jsonPath("$.errors[0].field").value("email"))
                .andExpect(jsonPath("$.errors[0].reason")
                        .value("already invited on " + existing.get("createdAt").asString()
                                + "; that invite is still open"));
    }

    @Test
    void createsSentAtOnceEachGetTheirOwnAnswerThoughTheyShareInserts() throws Exception {
        // sent together, these share bulk inserts (SharedInserts); each answer must be what it would be alone
        String twice = InviteFixtures.uniqueEmail();
        String retried = InviteFixtures.inviteBody(InviteFixtures.uniqueEmail());
        List<Callable<MvcResult>> requests = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String body = InviteFixtures.inviteBody(InviteFixtures.uniqueEmail());
            requests.add(() -> api.create(body).andReturn());
        }
        for (int i = 0; i < 2; i++) {
            requests.add(() -> api.create(InviteFixtures.inviteBody(twice)).andReturn());
            requests.add(() -> api.create(retried, "same-key").andReturn());
        }
        ExecutorService admins = Executors.newFixedThreadPool(requests.size());
        List<MvcResult> answers = new ArrayList<>();
        try {
            for (Future<MvcResult> answer : admins.invokeAll(requests)) {
                answers.add(answer.get());
            }
        } finally {
            admins.shutdownNow();
        }

        assertThat(answers.subList(0, 12))
                .allSatisfy(
                        answer -> assertThat(answer.getResponse().getStatus()).isEqualTo(201));
        List<Integer> sameEmail = List.of(
                answers.get(12).getResponse().getStatus(),
                answers.get(14).getResponse().getStatus());
        assertThat(sameEmail).containsExactlyInAnyOrder(201, 409);
        JsonNode first = json.readTree(answers.get(13).getResponse().getContentAsString());
        JsonNode second = json.readTree(answers.get(15).getResponse().getContentAsString());
        assertThat(answers.get(13).getResponse().getStatus()).isEqualTo(201);
        assertThat(answers.get(15).getResponse().getStatus()).isEqualTo(201);
        assertThat(second.get("id").asString())
                .as("the same Idempotency-Key is the same invite")
                .isEqualTo(first.get("id").asString());
        assertThat(json.readTree(
                                api.list("?limit=200").andReturn().getResponse().getContentAsString())
                        .get("items"))
                .as("12 distinct, one of the two for the same email, one for the retried request")
                .hasSize(14);
    }

    @Test
    void acceptedInviteeAppearsAmongTheStoresUsers() throws Exception {
        String email = InviteFixtures.uniqueEmail();
        String inviteId = api.invite(email).get("id").asString();
        api.accept(api.tokenOfLink(inviteId), "Katherine Johnson").andExpect(status().isCreated());

        api.get("/api/v1/stores/" + api.storeId + "/users")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(inviteId))
                .andExpect(jsonPath("$.items[0].name").value("Katherine Johnson"))
                .andExpect(jsonPath("$.items[0].email").value(email))
                .andExpect(jsonPath("$.items[0].role").value("ADMIN"))
                .andExpect(jsonPath("$.items[0].joinedAt").isNotEmpty());
    }

    private ResultActions search(String emailPrefix, String status) throws Exception {
        MockHttpServletRequestBuilder request = get(api.invites())
                .header("Authorization", "Bearer " + TestTokens.admin(api.storeId))
                .param("emailPrefix", emailPrefix);
        if (status != null) {
            request.param("status", status);
        }
        return mvc.perform(request);
    }

    private List<String> ids(ResultActions result) throws Exception {
        JsonNode page = api.read(result.andExpect(status().isOk()));
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
