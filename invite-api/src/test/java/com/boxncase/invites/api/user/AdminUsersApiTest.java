package com.boxncase.invites.api.user;

import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import com.boxncase.invites.api.support.TestTokens;
import com.boxncase.invites.document.InviteDocument;
import com.boxncase.invites.document.InviteStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Settings -> Users: {@code GET /api/v1/stores/{storeId}/users}, newest first, with cursor paging. */
@ApiIntegrationTest
class AdminUsersApiTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    MongoTemplate mongo;

    final String store = newStore();

    @Test
    void storeUsersAreListedNewestFirstWithNameEmailRoleAndJoined() throws Exception {
        joined("Grace Hopper", "grace@example.com", "ADMIN", MONDAY);
        joined("Ada Lovelace", "ada@example.com", "STAFF", MONDAY.plusSeconds(3600));
        joined("Someone Else", "else@example.com", "ADMIN", MONDAY, newStore());

        list("").andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].name").value("Ada Lovelace"))
                .andExpect(jsonPath("$.items[0].email").value("ada@example.com"))
                .andExpect(jsonPath("$.items[0].role").value("STAFF"))
                .andExpect(jsonPath("$.items[0].joinedAt").value("2026-03-02T10:00:00Z"))
                .andExpect(jsonPath("$.items[1].name").value("Grace Hopper"))
                .andExpect(jsonPath("$.nextCursor").doesNotExist());
    }

    @Test
    void pagesFollowTheCursorWithoutRepeatsOrGapsEvenForEqualJoinTimes() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // Two users per second: the id breaks the tie, so paging neither skips nor repeats them.
            expected.add(joined("User " + i, "user" + i + "@example.com", "STAFF", MONDAY.plusSeconds(i / 2)));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = read(list("?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)));
            page.get("items").forEach(user -> seen.add(user.get("id").asString()));
            cursor = page.path("nextCursor").isNull() || page.path("nextCursor").isMissingNode()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
    }

    @Test
    void aCursorThatThisApiDidNotIssueIsABadRequestNamingTheParameter() throws Exception {
        list("?cursor=not-a-cursor!")
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.errors[0].field").value("cursor"));
        list("?limit=0").andExpect(status().isBadRequest());
    }

    @Test
    void anotherStoresAdminCannotListThisStoresUsers() throws Exception {
        mvc.perform(get("/api/v1/stores/" + store + "/users")
                        .header("Authorization", "Bearer " + TestTokens.admin(newStore())))
                .andExpect(status().isForbidden());
    }

    @Test
    void rolesListTheConfiguredRolesForTheInviteForm() throws Exception {
        mvc.perform(get("/api/v1/stores/" + store + "/roles")
                        .header("Authorization", "Bearer " + TestTokens.admin(store)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.contains("ADMIN", "STAFF")));
    }

    private String joined(String name, String email, String role, Instant at) {
        return joined(name, email, role, at, store);
    }

    private String joined(String name, String email, String role, Instant at, String storeId) {
        // An accepted invite is the admin user's record.
        String inviteId = UUID.randomUUID().toString();
        mongo.insert(
                new Document(InviteDocument.ID, inviteId)
                        .append(InviteDocument.STORE_ID, storeId)
                        .append(InviteDocument.EMAIL, email)
                        .append(InviteDocument.ROLE, role)
                        .append(InviteDocument.STATUS, InviteStatus.ACCEPTED.name())
                        .append(
                                InviteDocument.ACCEPTANCE,
                                new Document("name", name).append("acceptedAt", Date.from(at))),
                InviteDocument.COLLECTION);
        return inviteId;
    }

    private ResultActions list(String query) throws Exception {
        return mvc.perform(get("/api/v1/stores/" + store + "/users" + query)
                .header("Authorization", "Bearer " + TestTokens.admin(store)));
    }

    private JsonNode read(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }
}
