package com.boxncase.invites.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import com.twilio.security.RequestValidator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwilioServerTest {

    private static final String SID = TwilioServer.LOCAL_ACCOUNT_SID;
    private static final String TOKEN = TwilioServer.LOCAL_AUTH_TOKEN;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Boolean> signaturesValid = new CopyOnWriteArrayList<>();
    private final List<String> statuses = new CopyOnWriteArrayList<>();
    private TwilioServer twilio;
    private HttpServer receiver;
    private String callbackUrl;

    @BeforeEach
    void start() throws Exception {
        twilio = TwilioServer.start("127.0.0.1", 0, SID, TOKEN, true);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callbackUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/twilio/status";
        receiver.createContext("/", exchange -> {
            Map<String, String> params =
                    form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String signature = exchange.getRequestHeaders().getFirst("X-Twilio-Signature");
            signaturesValid.add(new RequestValidator(TOKEN).validate(callbackUrl, params, signature));
            statuses.add(params.get("MessageStatus"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        twilio.close();
        receiver.stop(0);
    }

    @Test
    void acceptsAMessageAnswersLikeTwilioAndPostsSignedSentThenDelivered() throws Exception {
        HttpResponse<String> response = post(
                SID,
                TOKEN,
                "To=%2B4915112345678&From=%2B15005550006&Body=Hi+there" + "&StatusCallback="
                        + URLEncoderHelper.encode(callbackUrl));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("\"status\":\"queued\"").contains("\"sid\":\"SM");
        assertThat(twilio.texts()).singleElement().satisfies(text -> {
            assertThat(text.to()).isEqualTo("+4915112345678");
            assertThat(text.body()).isEqualTo("Hi there");
            assertThat(text.statusCallback()).isEqualTo(callbackUrl);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses.size() == 2);
        assertThat(statuses).containsExactly("sent", "delivered");
        assertThat(signaturesValid).containsExactly(true, true);
        String json = http.send(
                        HttpRequest.newBuilder(URI.create(twilio.baseUrl() + "/api/texts"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(json).contains("\"to\":\"+4915112345678\"");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> twilio.texts().get(0).callbacks().contains("delivered -> 204"));
    }

    @Test
    void wrongCredentialsAreRefused() throws Exception {
        assertThat(post(SID, "wrong", "To=%2B4915112345678&From=%2B15005550006&Body=x")
                        .statusCode())
                .isEqualTo(401);
        assertThat(twilio.texts()).isEmpty();
    }

    @Test
    void testNumbersAndQueuedFailuresAnswerWithTwilioErrors() throws Exception {
        HttpResponse<String> invalid = post(SID, TOKEN, "To=%2B15005550001&From=%2B15005550006&Body=x");
        twilio.failNext(429, 20429, 1);
        HttpResponse<String> tooMany = post(SID, TOKEN, "To=%2B4915112345678&From=%2B15005550006&Body=x");
        HttpResponse<String> fine = post(SID, TOKEN, "To=%2B4915112345678&From=%2B15005550006&Body=x");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"code\":21211");
        assertThat(tooMany.statusCode()).isEqualTo(429);
        assertThat(fine.statusCode()).isEqualTo(201);
        assertThat(twilio.texts()).hasSize(1);
    }

    private HttpResponse<String> post(String sid, String token, String form) throws Exception {
        String auth = Base64.getEncoder().encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create(twilio.baseUrl() + "/2010-04-01/Accounts/" + sid + "/Messages.json"))
                        .header("Authorization", "Basic " + auth)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            params.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static final class URLEncoderHelper {
        static String encode(String value) {
            return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
