package com.boxncase.invites.api.security;

import static com.boxncase.invites.api.support.InviteFixtures.inviteBody;
import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static com.boxncase.invites.api.support.InviteFixtures.uniqueEmail;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import com.boxncase.invites.api.support.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

@ApiIntegrationTest
class AccessControlTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    final String store = newStore();

    @Test
    void inviteesAcceptPageAndEndpointsNeedNoToken() throws Exception {
        mvc.perform(get("/accept").param("token", "anything"))
                .andExpect(status().isOk())
                .andExpect(forwardedUrl("/accept.html"));
        mvc.perform(get("/api/v1/invites/accept").param("token", "unknown")).andExpect(status().isNotFound());
    }

    @Test
    void openApiDocumentIsPublicAndDescribesTheInviteEndpoints() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/api/v1/stores/{storeId}/invites/{inviteId}/resend")))
                .andExpect(content().string(containsString("bearer")));
    }

    @Test
    void requestWithoutTokenIsUnauthorizedAsProblem() throws Exception {
        mvc.perform(get("/api/v1/stores/" + store + "/invites"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")));
    }

    @Test
    void tokenSignedWithAnotherKeyIsUnauthorized() throws Exception {
        String forged = TestTokens.token(
                "admin-1",
                "Ada",
                List.of(store),
                "invites:read invites:write",
                "another-secret-that-is-long-enough-0123456789");
        mvc.perform(get("/api/v1/stores/" + store + "/invites").header("Authorization", "Bearer " + forged))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/stores/" + store + "/invites").header("Authorization", "Bearer not.a.jwt"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aTokenWithoutExpiryIsUnauthorized() throws Exception {
        String forever = TestTokens.sign(TestTokens.claims("admin-1", "Ada", List.of(store), "invites:read")
                .expirationTime(null)
                .build());
        mvc.perform(get("/api/v1/stores/" + store + "/invites").header("Authorization", "Bearer " + forever))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")));
    }

    @Test
    void anExpiredTokenIsUnauthorized() throws Exception {
        String expired = TestTokens.sign(TestTokens.claims("admin-1", "Ada", List.of(store), "invites:read")
                .issueTime(java.util.Date.from(java.time.Instant.now().minusSeconds(3600)))
                .expirationTime(java.util.Date.from(java.time.Instant.now().minusSeconds(600)))
                .build());
        mvc.perform(get("/api/v1/stores/" + store + "/invites").header("Authorization", "Bearer " + expired))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void copyingAnInvitesLiveLinkNeedsTheWriteScope() throws Exception {
        String created = mvc.perform(post("/api/v1/stores/" + store + "/invites")
                        .header("Authorization", "Bearer " + TestTokens.admin(store))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(inviteBody(uniqueEmail())))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String link = "/api/v1/stores/" + store + "/invites/"
                + json.readTree(created).get("id").asString() + "/link";
        String readOnly = TestTokens.token("viewer", "Vic", List.of(store), "invites:read", TestTokens.SECRET);

        mvc.perform(get(link).header("Authorization", "Bearer " + readOnly))
                .andExpect(status().isForbidden())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")));
        mvc.perform(get(link).header("Authorization", "Bearer " + TestTokens.admin(store)))
                .andExpect(status().isOk());
    }

    @Test
    void storeNotInTheTokenIsForbidden() throws Exception {
        String otherStoresAdmin = TestTokens.admin(newStore());
        mvc.perform(get("/api/v1/stores/" + store + "/invites").header("Authorization", "Bearer " + otherStoresAdmin))
                .andExpect(status().isForbidden())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")));
    }

    @Test
    void missingScopeIsForbidden() throws Exception {
        String readOnly = TestTokens.token("viewer", "Vic", List.of(store), "invites:read", TestTokens.SECRET);
        mvc.perform(get("/api/v1/stores/" + store + "/invites").header("Authorization", "Bearer " + readOnly))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/stores/" + store + "/invites")
                        .header("Authorization", "Bearer " + readOnly)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(inviteBody(uniqueEmail())))
                .andExpect(status().isForbidden());
        String noInviteScopes = TestTokens.token("ops", "Op", List.of(store), "ops:read", TestTokens.SECRET);
        mvc.perform(get("/api/v1/stores/" + store + "/invites").header("Authorization", "Bearer " + noInviteScopes))
                .andExpect(status().isForbidden());
    }

    @Test
    void anotherStoresInviteIdIsNotFound() throws Exception {
        String created = mvc.perform(post("/api/v1/stores/" + store + "/invites")
                        .header("Authorization", "Bearer " + TestTokens.admin(store))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(inviteBody(uniqueEmail())))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String inviteId = json.readTree(created).get("id").asString();
        String otherStore = newStore();
        String otherAdmin = TestTokens.admin(otherStore);
        String otherPath = "/api/v1/stores/" + otherStore + "/invites/" + inviteId;

        mvc.perform(get(otherPath).header("Authorization", "Bearer " + otherAdmin))
                .andExpect(status().isNotFound());
        mvc.perform(get(otherPath + "/link").header("Authorization", "Bearer " + otherAdmin))
                .andExpect(status().isNotFound());
        mvc.perform(post(otherPath + "/resend").header("Authorization", "Bearer " + otherAdmin))
                .andExpect(status().isNotFound());
        mvc.perform(delete(otherPath).header("Authorization", "Bearer " + otherAdmin))
                .andExpect(status().isNotFound());
    }
}
