package com.boxncase.invites.bench;

import com.boxncase.invites.templates.RenderedEmail;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import org.bson.Document;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The design most teams write first, bench-only: {@code POST /api/v1/stores/{store}/invites} handled
 * synchronously, doing the persisted work of the pipeline's request and the delivery in one go: verify the
 * HS256 bearer token (the same token and decoder as invite-api: Nimbus, every request), check the store and
 * scope claims, insert an invite-shaped document into MongoDB (the same MongoDB-wire server), render the
 * default template and send it over SMTP to the same sink (a new connection per email, as
 * {@code JavaMailSender.send} does), then answer 201. One handler thread per request in flight (a servlet
 * container's model), named {@code baseline-*}; the sink's DATA delay applies to it as to the pipeline.
 */
final class SyncBaseline implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InviteMail mail;
    private final Session session;
    private final JwtDecoder jwt;
    private final MongoClient mongo;
    private final MongoCollection<Document> invites;
    private final HttpServer server;
    private final ExecutorService handlers;

    SyncBaseline(InviteMail mail, int sinkPort, JwtDecoder jwt, String mongoUri, int threads) throws IOException {
        this.mail = mail;
        this.session = InviteMail.session(sinkPort);
        this.jwt = jwt;
        this.mongo = MongoClients.create(mongoUri);
        this.invites = mongo.getDatabase("bench_baseline").getCollection("invites");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        this.handlers = Executors.newFixedThreadPool(threads, Components.named("baseline"));
        server.setExecutor(handlers);
        server.createContext("/api/v1/stores/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Runs the load against this handler. */
    HttpLoad.Result run(HttpLoad load, int count, int concurrency, int rate, IntFunction<HttpRequest> requests)
            throws InterruptedException {
        return load.run(count, concurrency, rate, 201, requests, null);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // /api/v1/stores/{store}/invites
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (path.length != 6
                    || !path[5].equals("invites")
                    || !exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String store = path[4];
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Jwt token;
            try {
                token = jwt.decode(authorization == null ? "" : authorization.replaceFirst("^Bearer ", ""));
            } catch (JwtException e) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            List<String> stores = token.getClaimAsStringList("stores");
            String scope = token.getClaimAsString("scope");
            if (stores == null || !stores.contains(store) || scope == null || !scope.contains("invites:write")) {
                exchange.sendResponseHeaders(403, -1);
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            JsonNode email = body.get("email");
            if (email == null || !email.isString() || !email.asString().contains("@")) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            String id = UUID.randomUUID().toString();
            try {
                invites.insertOne(InviteDocument.of(id, store, email.asString()));
                RenderedEmail rendered = mail.render(email.asString());
                MimeMessage message = InviteMail.compose(session, rendered, email.asString(), "baseline");
                Transport.send(message); // connect, EHLO, send, QUIT: one connection per email
            } catch (Exception e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            byte[] response = ("{\"id\":\"" + id + "\",\"storeId\":\"" + store + "\",\"status\":\"PENDING\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, response.length);
            exchange.getResponseBody().write(response);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        mongo.getDatabase("bench_baseline").drop();
        mongo.close();
    }
}
