package com.boxncase.invites.api.web;

import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static com.boxncase.invites.api.support.InviteFixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import com.boxncase.invites.api.support.RawHttp;
import com.boxncase.invites.api.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every operation of the published OpenAPI document, attacked field by field over a real socket: no answer is a
 * 5xx, every 4xx is {@code application/problem+json}, and every 400 names the field.
 */
@ApiIntegrationTest
class HostileInputTest {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    RawHttp http;
    final String store = newStore();
    String inviteId;

    @BeforeEach
    void anInviteToAttack() {
        http = new RawHttp(port);
        String body = "{\"email\": \"%s\", \"role\": \"ADMIN\"}".formatted(uniqueEmail());
        RawHttp.Response created = http.send(
                "POST",
                "/api/v1/stores/" + store + "/invites",
                List.of(
                        Map.entry("Authorization", "Bearer " + token(store)),
                        Map.entry("Content-Type", "application/json")),
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        inviteId = json.readTree(created.body()).get("id").asString();
    }

    @Test
    void noHostileRequestToAnyDocumentedOperationGetsA5xxOrAnAnswerThatIsNotAProblem() {
        JsonNode api =
                json.readTree(http.send("GET", "/v3/api-docs", List.of(), null).body());
        HostileRequests hostile = new HostileRequests(api, baseline(), json);
        List<HostileRequests.Request> requests = hostile.all();
        assertThat(requests).hasSizeGreaterThan(500);

        List<String> violations = new ArrayList<>();
        for (HostileRequests.Request request : requests) {
            RawHttp.Response response =
                    http.send(request.method(), request.target(), request.headers(), request.body());
            hostile.violation(response).ifPresent(problem -> violations.add(request + " -> " + problem));
        }

        assertThat(violations).as(String.join("\n", violations)).isEmpty();
    }

    @Test
    void requestsThatBreakHttpItselfAreProblemsToo() {
        HostileRequests rules = new HostileRequests(json.createObjectNode(), baseline(), json);
        String invites = "/api/v1/stores/" + store + "/invites";
        var auth = List.of(Map.entry("Authorization", "Bearer " + token(store)));
        List<String> violations = new ArrayList<>();
        Map<String, RawHttp.Response> answers = new java.util.LinkedHashMap<>();
        answers.put(
                "raw UTF-8 in the path",
                http.send("GET", (invites + "/Zoë").getBytes(StandardCharsets.UTF_8), auth, null));
        answers.put("malformed percent-encoding", http.send("GET", invites + "/%zz", auth, null));
        answers.put("encoded NUL", http.send("GET", invites + "/a%00b", auth, null));
        answers.put("encoded slash", http.send("GET", invites + "/a%2Fb", auth, null));
        answers.put("encoded CR/LF", http.send("GET", invites + "?cursor=a%0D%0Ab", auth, null));
        answers.put("double dot", http.send("GET", "/api/v1/stores/" + store + "/../invites", auth, null));
        answers.put(
                "headers of 20 KB",
                http.send(
                        "GET",
                        invites,
                        Stream.concat(auth.stream(), Stream.of(Map.entry("X-Big", "b".repeat(20_000))))
                                .toList(),
                        null));
        answers.put("URL of 20 KB", http.send("GET", invites + "?cursor=" + "c".repeat(20_000), auth, null));
        answers.put("no token, hostile path", http.send("GET", "/api/v1/stores/%00/invites", List.of(), null));
        answers.put("path parameter after a semicolon", http.send("GET", invites + ";jsessionid=1", auth, null));
        answers.put(
                "asks for HTML",
                http.send(
                        "GET",
                        invites + "?limit=abc",
                        Stream.concat(auth.stream(), Stream.of(Map.entry("Accept", "text/html")))
                                .toList(),
                        null));
        answers.put(
                "bearer token of garbage",
                http.send("GET", invites, List.of(Map.entry("Authorization", "Bearer ü.ü.ü")), null));
        answers.forEach((what, response) ->
                rules.violation(response).ifPresent(problem -> violations.add(what + " -> " + problem)));
        answers.forEach(
                (what, response) -> assertThat(response.status()).as(what).isBetween(400, 499));

        assertThat(violations).as(String.join("\n", violations)).isEmpty();
    }

    private HostileRequests.Baseline baseline() {
        return new HostileRequests.Baseline() {
            @Override
            public String pathValue(String parameter) {
                return switch (parameter) {
                    case "storeId" -> store;
                    case "inviteId" -> inviteId;
                    case "channel" -> "EMAIL";
                    case "locale" -> "en";
                    case "id" -> "0-0";
                    default -> "x";
                };
            }

            @Override
            public Optional<String> queryValue(String parameter) {
                return Optional.empty();
            }

            @Override
            public ObjectNode body(String schemaName, ObjectNode generated) {
                ObjectNode body = generated;
                switch (schemaName == null ? "" : schemaName) {
                    case "CreateInviteRequest" -> {
                        body = json.createObjectNode();
                        body.put("email", uniqueEmail());
                        body.put("role", "STAFF");
                    }
                    case "TemplateRequest" -> {
                        body = json.createObjectNode();
                        body.put("subject", "Join ${storeName}");
                        body.put("html", "<p><a href=\"${acceptUrl}\">Accept</a></p>");
                        body.put("text", "Accept: ${acceptUrl}");
                    }
                    case "BulkReplayRequest" -> body = json.createObjectNode();
                    default -> {}
                }
                return body;
            }

            @Override
            public String token(String storeId) {
                return HostileInputTest.this.token(storeId);
            }
        };
    }

    private String token(String storeId) {
        List<String> stores = storeId == null || storeId.equals(store) ? List.of(store) : List.of(store, storeId);
        return TestTokens.sign(
                TestTokens.claims("walker", "Walt Walker", stores, "invites:read invites:write ops:read ops:write")
                        .claim("platform_roles", List.of("operator"))
                        .build());
    }
}
