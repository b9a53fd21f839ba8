package com.boxncase.invites.bench;

import com.boxncase.invites.templates.RenderedEmail;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The design most teams write first, bench-only: the HTTP handler renders the invitation and sends it over
 * SMTP before it answers, one connection per email (what {@code JavaMailSender.send} does), on a thread per
 * request from a pool as large as the load's concurrency (a servlet container's model). Same sink, same
 * templates, same client; no database and no Kafka, so it is the synchronous design at its cheapest.
 */
final class SyncEmailBaseline {

    private static final Pattern EMAIL = Pattern.compile("\"email\"\\s*:\\s*\"([^\"]+)\"");

    private final InviteMail mail;
    private final Session session;

    SyncEmailBaseline(InviteMail mail, int sinkPort) {
        this.mail = mail;
        this.session = InviteMail.session(sinkPort);
    }

    HttpLoad.Result run(int count, int concurrency, int rate, HttpLoad load) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        ExecutorService handlers = Executors.newFixedThreadPool(concurrency);
        server.setExecutor(handlers);
        server.createContext("/invites", this::handle);
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/invites");
            String run = Long.toString(System.currentTimeMillis(), 36);
            return load.run(
                    count,
                    concurrency,
                    rate,
                    201,
                    i -> HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"sync-" + run + "-" + i
                                    + "@example.com\",\"role\":\"ADMIN\",\"locale\":\"en\"}"))
                            .build(),
                    null);
        } finally {
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher email = EMAIL.matcher(body);
            if (!email.find()) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            String id = UUID.randomUUID().toString();
            try {
                RenderedEmail rendered = mail.render(email.group(1));
                MimeMessage message = InviteMail.compose(session, rendered, email.group(1), "baseline");
                Transport.send(message); // connect, EHLO, send, QUIT: one connection per email
            } catch (Exception e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            byte[] response = ("{\"id\":\"" + id + "\",\"status\":\"PENDING\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, response.length);
            exchange.getResponseBody().write(response);
        }
    }
}
