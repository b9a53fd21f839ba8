package com.boxncase.invites.api.web;

import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import com.boxncase.invites.api.support.RawHttp;
import com.boxncase.invites.api.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies are size-limited everywhere (413), and the public accept endpoints are rate-limited per client
 * (429 with Retry-After). The shared test context allows 200 accept requests per minute per client; these tests
 * use client addresses of their own.
 */
@ApiIntegrationTest
class RequestLimitsTest {

    private static final int ACCEPT_REQUESTS_PER_MINUTE = 200;

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @LocalServerPort
    int port;

    @Test
    void theUnauthenticatedAcceptEndpointRefusesABodyOver16KilobytesBeforeReadingIt() {
        String body = "{\"token\": \"t\", \"name\": \"" + "n".repeat(20_000) + "\"}";
        RawHttp.Response response = new RawHttp(port)
                .send(
                        "POST",
                        "/api/v1/invites/accept",
                        List.of(Map.entry("Content-Type", "application/json")),
                        body.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.at("/errors/0/field").asString()).isEqualTo("body");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void aChunkedBodyWithoutALengthIsCutOffAtTheLimit() {
        String store = newStore();
        String json =
                "{\"email\": \"a@example.com\", \"role\": \"STAFF\", \"message\": \"" + "m".repeat(300_000) + "\"}";
        byte[] data = json.getBytes(StandardCharsets.UTF_8);
        String chunked = Integer.toHexString(data.length) + "\r\n" + json + "\r\n0\r\n\r\n";
        RawHttp.Response response = new RawHttp(port)
                .send(
                        "POST",
                        "/api/v1/stores/" + store + "/invites",
                        List.of(
                                Map.entry("Authorization", "Bearer " + TestTokens.admin(store)),
                                Map.entry("Content-Type", "application/json"),
                                Map.entry("Transfer-Encoding", "chunked")),
                        chunked.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).as(response.bodyText()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void anAuthenticatedEndpointTakesATemplateOfAHundredKilobytesButNotAQuarterMegabyteMore() throws Exception {
        String store = newStore();
        String template = "{\"subject\": \"Hi\", \"html\": \"<p>${acceptUrl}</p>%s\", \"text\": \"${acceptUrl}\"}";
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(
                                "/api/v1/stores/" + store + "/templates/EMAIL/en")
                        .header("Authorization", "Bearer " + TestTokens.admin(store))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(template.formatted("x".repeat(100_000))))
                .andExpect(status().isOk());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(
                                "/api/v1/stores/" + store + "/templates/EMAIL/en")
                        .header("Authorization", "Bearer " + TestTokens.admin(store))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(template.formatted("x".repeat(300_000))))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
    }

    @Test
    void theAcceptEndpointsAnswer429WithRetryAfterOnceAClientUsedItsAllowance() throws Exception {
        RequestPostProcessor client = from("198.51.100.7");
        int accepted = requestsUntilRefused(client, false);

        assertThat(accepted).isGreaterThanOrEqualTo(ACCEPT_REQUESTS_PER_MINUTE);
        // The bucket refills a request every 300 ms, so on a slow machine one GET may find a fresh token (404);
        // the client stays limited: within a few immediate tries the GET is refused too.
        MockHttpServletResponse refused = null;
        for (int attempt = 0; attempt < 5 && refused == null; attempt++) {
            MockHttpServletResponse response = mvc.perform(get("/api/v1/invites/accept")
                            .param("token", "guess")
                            .with(client))
                    .andReturn()
                    .getResponse();
            if (response.getStatus() == 429) {
                refused = response;
            } else {
                assertThat(response.getStatus()).isEqualTo(404);
            }
        }
        assertThat(refused).as("a GET refused with 429 within five tries").isNotNull();
        assertThat(refused.getHeader("Retry-After")).isNotBlank();
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        mvc.perform(get("/api/v1/invites/accept").param("token", "guess").with(from("198.51.100.8")))
                .andExpect(status().isNotFound());
    }

    @Test
    void aForwardedForHeaderDoesNotGiveAClientAFreshAllowance() throws Exception {
        int accepted = requestsUntilRefused(from("198.51.100.9"), true);

        // each request named another client in X-Forwarded-For and Forwarded; the server is not configured to
        // trust a proxy, so they all counted against the one remote address
        assertThat(accepted).isBetween(ACCEPT_REQUESTS_PER_MINUTE, 3 * ACCEPT_REQUESTS_PER_MINUTE);
    }

    /**
     * Sends accept requests (answered 400: no token) until one is refused with 429, and returns how many were let
     * through. The bucket refills continuously, so slightly more than the allowance may pass on a slow machine.
     */
    private int requestsUntilRefused(RequestPostProcessor client, boolean claimOtherClients) throws Exception {
        for (int i = 0; i < 4 * ACCEPT_REQUESTS_PER_MINUTE; i++) {
            var request = post("/api/v1/invites/accept")
                    .with(client)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{}");
            if (claimOtherClients) {
                request.header("X-Forwarded-For", "203.0.113." + (i % 250))
                        .header("Forwarded", "for=203.0.113." + (i % 250));
            }
            int status = mvc.perform(request).andReturn().getResponse().getStatus();
            if (status == 429) {
                return i;
            }
            assertThat(status).isEqualTo(400);
        }
        throw new AssertionError("never refused");
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
