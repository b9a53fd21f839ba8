package com.boxncase.invites.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** invite-api over real HTTP, as the admin UI and operators call it. */
final class InviteApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    InviteApiClient(int port) {
        this.base = "http://127.0.0.1:" + port + "/api/v1";
    }

    /** Creates an invite by email and returns it (asserts 201). */
    JsonNode invite(String storeId, String email) {
        Response created = send(
                "POST",
                "/stores/" + storeId + "/invites",
                Tokens.storeAdmin(storeId),
                "{\"email\":\"" + email + "\",\"role\":\"ADMIN\",\"locale\":\"en\",\"message\":\"Welcome!\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /** Creates an invite by email in {@code locale} and returns it (asserts 201). */
    JsonNode invite(String storeId, String email, String locale) {
        Response created = send(
                "POST",
                "/stores/" + storeId + "/invites",
                Tokens.storeAdmin(storeId),
                "{\"email\":\"" + email + "\",\"role\":\"ADMIN\",\"locale\":\"" + locale + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /** Saves the store's settings ({@code PUT .../settings}, asserts 200). */
    void settings(String storeId, String json) {
        Response saved = send("PUT", "/stores/" + storeId + "/settings", Tokens.storeAdmin(storeId), json);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    void resend(String storeId, String inviteId) {
        Response resent = send(
                "POST", "/stores/" + storeId + "/invites/" + inviteId + "/resend", Tokens.storeAdmin(storeId), null);
        assertThat(resent.status()).as(resent.body()).isEqualTo(202);
    }

    /** The token of the invite's live link, as "Copy invite link" gives it. */
    String linkToken(String storeId, String inviteId) {
        Response link =
                send("GET", "/stores/" + storeId + "/invites/" + inviteId + "/link", Tokens.storeAdmin(storeId), null);
        assertThat(link.status()).as(link.body()).isEqualTo(200);
        String url = link.json().path("url").asString();
        return url.substring(url.indexOf("token=") + "token=".length());
    }

    /** Accepts the invitation as the invitee does ({@code POST /invites/accept}). */
    Response acceptAs(String linkToken, String name) {
        return send("POST", "/invites/accept", null, "{\"token\":\"" + linkToken + "\",\"name\":\"" + name + "\"}");
    }

    /** {@code GET /invites/accept} as a client behind a trusted proxy that forwards for {@code clientAddress}. */
    Response previewFrom(String clientAddress, String linkToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                        base + "/invites/accept?token=" + URLEncoder.encode(linkToken, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(20))
                .header("X-Forwarded-For", clientAddress)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET /invites/accept failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The store's admin users ({@code GET .../users}): who accepted an invite. */
    List<JsonNode> users(String storeId) {
        Response page = send("GET", "/stores/" + storeId + "/users", Tokens.storeAdmin(storeId), null);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return items(page.json()).toList();
    }

    /** The invite's audit entries ({@code GET .../audit?inviteId=}). */
    List<JsonNode> audit(String storeId, String inviteId) {
        Response page =
                send("GET", "/stores/" + storeId + "/audit?inviteId=" + inviteId, Tokens.storeAdmin(storeId), null);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return items(page.json()).toList();
    }

    /** Posts {@code {"invites": [...]}} to the store's bulk endpoint and returns the answer (asserts 200). */
    JsonNode bulk(String storeId, String body) {
        Response answer = send("POST", "/stores/" + storeId + "/invites/bulk", Tokens.storeAdmin(storeId), body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    void delete(String storeId, String inviteId) {
        Response deleted =
                send("DELETE", "/stores/" + storeId + "/invites/" + inviteId, Tokens.storeAdmin(storeId), null);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
    }

    /** The invite's row in the Pending Invites table ({@code status}: e.g. {@code ALL}), if listed. */
    Optional<JsonNode> row(String storeId, String inviteId, String status) {
        Response page =
                send("GET", "/stores/" + storeId + "/invites?status=" + status, Tokens.storeAdmin(storeId), null);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return items(page.json())
                .filter(row -> inviteId.equals(row.path("id").asString()))
                .findFirst();
    }

    /** {@code delivery.state} of the invite's row, or null while it has none. */
    String deliveryState(String storeId, String inviteId) {
        return row(storeId, inviteId, "ALL")
                .map(row -> row.path("delivery").path("state").asString(null))
                .orElse(null);
    }

    Response accept(String linkToken) {
        return send("GET", "/invites/accept?token=" + URLEncoder.encode(linkToken, StandardCharsets.UTF_8), null, null);
    }

    List<JsonNode> deadLettersOf(String inviteId) {
        Response page = send("GET", "/ops/dead-letters?limit=500", Tokens.operator(), null);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return items(page.json())
                .filter(letter -> inviteId.equals(letter.path("inviteId").asString()))
                .toList();
    }

    Response replay(String deadLetterId) {
        return send("POST", "/ops/dead-letters/" + deadLetterId + "/replay", Tokens.operator(), null);
    }

    private static java.util.stream.Stream<JsonNode> items(JsonNode page) {
        return StreamSupport.stream(page.path("items").spliterator(), false);
    }

    private Response send(String method, String path, String bearer, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
