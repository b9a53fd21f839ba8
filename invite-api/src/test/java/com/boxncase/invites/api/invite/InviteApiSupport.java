package com.boxncase.invites.api.invite;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.boxncase.invites.api.support.InviteFixtures;
import com.boxncase.invites.api.support.TestTokens;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives invite-api the way an admin's backend does: HTTP with a bearer token. */
final class InviteApiSupport {

    private final MockMvc mvc;
    private final JsonMapper json;
    final String storeId;
    private final String token;

    InviteApiSupport(MockMvc mvc, JsonMapper json, String storeId) {
        this.mvc = mvc;
        this.json = json;
        this.storeId = storeId;
        this.token = TestTokens.admin(storeId);
    }

    String invites() {
        return "/api/v1/stores/" + storeId + "/invites";
    }

    ResultActions create(String body) throws Exception {
        return mvc.perform(post(invites())
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    ResultActions create(String body, String idempotencyKey) throws Exception {
        return mvc.perform(post(invites())
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    /** Creates an invite for a fresh email and returns its JSON. */
    JsonNode invite() throws Exception {
        return invite(InviteFixtures.uniqueEmail());
    }

    JsonNode invite(String email) throws Exception {
        return read(create(InviteFixtures.inviteBody(email)));
    }

    ResultActions get(String path) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
                .header("Authorization", "Bearer " + token));
    }

    ResultActions list(String query) throws Exception {
        return get(invites() + query);
    }

    ResultActions resend(String inviteId) throws Exception {
        return mvc.perform(post(invites() + "/" + inviteId + "/resend").header("Authorization", "Bearer " + token));
    }

    ResultActions link(String inviteId) throws Exception {
        return get(invites() + "/" + inviteId + "/link");
    }

    ResultActions delete(String inviteId) throws Exception {
        return mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(invites() + "/" + inviteId)
                        .header("Authorization", "Bearer " + token));
    }

    String tokenOfLink(String inviteId) throws Exception {
        String url = read(link(inviteId)).get("url").asString();
        return url.substring(url.indexOf("token=") + "token=".length());
    }

    ResultActions preview(String linkToken) throws Exception {
        return mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/invites/accept")
                        .param("token", linkToken));
    }

    ResultActions accept(String linkToken, String name) throws Exception {
        return mvc.perform(post("/api/v1/invites/accept")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(java.util.Map.of("token", linkToken, "name", name))));
    }

    JsonNode read(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }
}
