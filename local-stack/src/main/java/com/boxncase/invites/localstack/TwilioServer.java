package com.boxncase.invites.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Twilio-compatible Messages API for laptops and tests. {@code POST /2010-04-01/Accounts/{sid}/Messages.json}
 * (Basic auth with the account SID and auth token; form To, From or MessagingServiceSid, Body, StatusCallback)
 * answers like Twilio (201, {@code sid SM...}, {@code status queued}) and then, when callbacks are on, posts
 * signed status callbacks {@code sent} and {@code delivered} to the StatusCallback URL.
 *
 * <p>Twilio's test numbers fail the way Twilio's test credentials do: To {@code +15005550001} gives 21211
 * (invalid number), {@code +15005550004} 21610 (unsubscribed), {@code +15005550009} 21614 (not a mobile). Further
 * failures can be queued with {@link #failNext} or {@code POST /api/failures} (form status, code, times).
 *
 * <p>{@code /} lists the texts received, {@code /api/texts} gives them as JSON, {@code DELETE /api/texts} forgets
 * them.
 */
public final class TwilioServer implements AutoCloseable {

    public static final String LOCAL_ACCOUNT_SID = "AC00000000000000000000000000000001";
    public static final String LOCAL_AUTH_TOKEN = "local-twilio-auth-token";
    public static final String LOCAL_FROM_NUMBER = "+15005550006";

    private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-fA-F]{32})/Messages\\.json");
    private static final Map<String, int[]> TEST_NUMBERS = Map.of(
            "+15005550001", new int[] {400, 21211},
            "+15005550004", new int[] {400, 21610},
            "+15005550009", new int[] {400, 21614});
    private static final Map<Integer, String> MESSAGES_BY_CODE = Map.of(
            21211, "The 'To' number is not a valid phone number.",
            21610, "Attempt to send to unsubscribed recipient",
            21614, "'To' number is not a valid mobile number",
            20429, "Too Many Requests",
            20003, "Authenticate",
            21604, "A 'To' phone number is required.",
            21602, "Message body is required.");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final ScheduledExecutorService executor;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String accountSid;
    private final String authToken;
    private final boolean callbacks;
    private final Duration callbackDelay;
    private final ConcurrentLinkedDeque<ReceivedText> texts = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<int[]> failures = new ConcurrentLinkedDeque<>();

    private TwilioServer(
            HttpServer server,
            ScheduledExecutorService executor,
            String accountSid,
            String authToken,
            boolean callbacks,
            Duration callbackDelay) {
        this.server = server;
        this.executor = executor;
        this.accountSid = accountSid;
        this.authToken = authToken;
        this.callbacks = callbacks;
        this.callbackDelay = callbackDelay;
    }

    /** Starts on {@code host:port} (0 for any free port); with {@code callbacks}, posts signed status callbacks. */
    public static TwilioServer start(String host, int port, String accountSid, String authToken, boolean callbacks) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            ScheduledExecutorService executor = Executors.newScheduledThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "local-twilio");
                thread.setDaemon(true);
                return thread;
            });
            TwilioServer twilio =
                    new TwilioServer(server, executor, accountSid, authToken, callbacks, Duration.ofMillis(300));
            server.createContext("/", twilio::handle);
            server.setExecutor(executor);
            server.start();
            return twilio;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** What {@code invites.sms.twilio.base-url} should be. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The texts received, oldest first. */
    public List<ReceivedText> texts() {
        return List.copyOf(texts);
    }

    public void clear() {
        texts.clear();
        failures.clear();
    }

    /** The next {@code times} message requests fail with HTTP {@code status} and Twilio error {@code code}. */
    public void failNext(int status, int code, int times) {
        for (int i = 0; i < times; i++) {
            failures.add(new int[] {status, code});
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", "Internal error: " + e);
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Matcher messages = MESSAGES.matcher(path);
        if (method.equals("POST") && messages.matches()) {
            createMessage(exchange, messages.group(1));
        } else if (method.equals("POST") && path.equals("/api/failures")) {
            Map<String, String> form = form(exchange);
            failNext(
                    Integer.parseInt(form.getOrDefault("status", "429")),
                    Integer.parseInt(form.getOrDefault("code", "20429")),
                    Integer.parseInt(form.getOrDefault("times", "1")));
            exchange.sendResponseHeaders(204, -1);
        } else if (method.equals("DELETE") && path.equals("/api/texts")) {
            clear();
            exchange.sendResponseHeaders(204, -1);
        } else if (method.equals("GET") && path.equals("/api/texts")) {
            send(exchange, 200, "application/json", json(newestFirst()));
        } else if (method.equals("GET") && (path.equals("/") || path.equals("/texts"))) {
            send(exchange, 200, "text/html", page(newestFirst()));
        } else {
            send(exchange, 404, "application/json", error(404, 20404, "The requested resource was not found"));
        }
    }

    private void createMessage(HttpExchange exchange, String pathSid) throws IOException {
        if (!authorized(exchange, pathSid)) {
            send(exchange, 401, "application/json", error(401, 20003, MESSAGES_BY_CODE.get(20003)));
            return;
        }
        Map<String, String> form = form(exchange);
        String to = form.get("To");
        String from = form.containsKey("MessagingServiceSid") ? form.get("MessagingServiceSid") : form.get("From");
        int[] failure = failures.poll();
        if (failure == null && (to == null || to.isBlank())) {
            failure = new int[] {400, 21604};
        }
        if (failure == null && (form.get("Body") == null || form.get("Body").isBlank())) {
            failure = new int[] {400, 21602};
        }
        if (failure == null && to != null) {
            failure = TEST_NUMBERS.get(to);
        }
        if (failure != null) {
            String message = MESSAGES_BY_CODE.getOrDefault(failure[1], "Error " + failure[1]);
            send(exchange, failure[0], "application/json", error(failure[0], failure[1], message));
            return;
        }
        ReceivedText text = new ReceivedText(
                "SM" + HexFormat.of().formatHex(randomBytes(16)),
                to,
                from,
                form.get("Body"),
                form.get("StatusCallback"),
                Instant.now(),
                new CopyOnWriteArrayList<>());
        texts.add(text);
        send(exchange, 201, "application/json", messageJson(text, form));
        if (callbacks && text.statusCallback() != null && !text.statusCallback().isBlank()) {
            executor.schedule(() -> callback(text, "sent"), callbackDelay.toMillis(), TimeUnit.MILLISECONDS);
            executor.schedule(() -> callback(text, "delivered"), 2 * callbackDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void callback(ReceivedText text, String status) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", accountSid);
        params.put("ApiVersion", "2010-04-01");
        params.put("From", text.from());
        params.put("MessageSid", text.sid());
        params.put("MessageStatus", status);
        params.put("SmsSid", text.sid());
        params.put("SmsStatus", status);
        params.put("To", text.to());
        String body = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String outcome;
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(text.statusCallback()))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                            .header(
                                    "X-Twilio-Signature",
                                    TwilioSignature.sign(authToken, text.statusCallback(), params))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            outcome = status + " -> " + response.statusCode();
        } catch (IOException e) {
            outcome = status + " -> " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = status + " -> interrupted";
        }
        text.callbacks().add(outcome);
    }

    private boolean authorized(HttpExchange exchange, String pathSid) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String expected = accountSid + ":" + authToken;
        String given = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        return pathSid.equals(accountSid)
                && java.security.MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private List<ReceivedText> newestFirst() {
        List<ReceivedText> list = new ArrayList<>(texts);
        Collections.reverse(list);
        return list;
    }

    private String messageJson(ReceivedText text, Map<String, String> form) {
        return "{\"sid\":" + Escape.json(text.sid())
                + ",\"account_sid\":" + Escape.json(accountSid)
                + ",\"to\":" + Escape.json(text.to())
                + ",\"from\":" + Escape.json(form.get("From"))
                + ",\"messaging_service_sid\":" + Escape.json(form.get("MessagingServiceSid"))
                + ",\"body\":" + Escape.json(text.body())
                + ",\"status\":\"queued\",\"direction\":\"outbound-api\",\"api_version\":\"2010-04-01\""
                + ",\"num_segments\":\"1\",\"num_media\":\"0\",\"price\":null,\"error_code\":null,\"error_message\":null"
                + ",\"uri\":" + Escape.json("/2010-04-01/Accounts/" + accountSid + "/Messages/" + text.sid() + ".json")
                + "}";
    }

    private static String error(int status, int code, String message) {
        return "{\"code\":" + code + ",\"message\":" + Escape.json(message)
                + ",\"more_info\":\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + status + "}";
    }

    static String json(List<ReceivedText> newestFirst) {
        return newestFirst.stream()
                .map(t -> "{\"sid\":" + Escape.json(t.sid())
                        + ",\"to\":" + Escape.json(t.to())
                        + ",\"from\":" + Escape.json(t.from())
                        + ",\"body\":" + Escape.json(t.body())
                        + ",\"statusCallback\":" + Escape.json(t.statusCallback())
                        + ",\"receivedAt\":" + Escape.json(t.receivedAt().toString())
                        + ",\"callbacks\":"
                        + t.callbacks().stream().map(Escape::json).collect(Collectors.joining(",", "[", "]"))
                        + "}")
                .collect(Collectors.joining(",\n", "[", "]"));
    }

    private static String page(List<ReceivedText> newestFirst) {
        StringBuilder rows = new StringBuilder();
        for (ReceivedText t : newestFirst) {
            rows.append("<tr><td>")
                    .append(Escape.html(t.receivedAt().toString()))
                    .append("</td><td>")
                    .append(Escape.html(t.to()))
                    .append("</td><td>")
                    .append(Escape.html(t.from()))
                    .append("</td><td style=\"white-space: pre-wrap\">")
                    .append(Escape.html(t.body()))
                    .append("</td><td>")
                    .append(Escape.html(String.join(", ", t.callbacks())))
                    .append("</td></tr>\n");
        }
        String table = newestFirst.isEmpty()
                ? "<p>No texts yet. Anything sent to this Twilio-compatible server shows up here.</p>"
                : "<table border=\"1\" cellpadding=\"4\" style=\"border-collapse: collapse\"><thead><tr><th>Received</th>"
                        + "<th>To</th><th>From</th><th>Body</th><th>Status callbacks</th></tr></thead><tbody>\n"
                        + rows + "</tbody></table>";
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"5\">"
                + "<title>Local texts (" + newestFirst.size() + ")</title></head>"
                + "<body style=\"font-family: sans-serif\"><h1>Local texts (SMS)</h1>"
                + "<p>Newest first, refreshes every 5 s. Same data as JSON: <a href=\"/api/texts\">/api/texts</a></p>"
                + table + "</body></html>";
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        HttpResponses.send(exchange, status, type, null, body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
