package com.boxncase.invites.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail UI: {@code /} lists received messages, {@code /messages/{id}} shows one, {@code
 * /api/messages} and {@code /api/messages/{id}} give the same as JSON, {@code DELETE /api/messages}
 * forgets them all.
 */
final class MailWebServer implements AutoCloseable {

    private static final Pattern MESSAGE = Pattern.compile("/messages/(\\d{1,18})(/html)?");
    private static final Pattern API_MESSAGE = Pattern.compile("/api/messages/(\\d{1,18})");

    /** The page itself: inline styles, and frames of its own (the sandboxed HTML parts) only. */
    private static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'";

    /** An email's HTML part: no scripts, no forms, its own opaque origin, even when opened directly. */
    private static final String MAIL_HTML_POLICY =
            "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src * data:; font-src * data:";

    private final HttpServer server;
    private final ExecutorService executor;
    private final MailArchive archive;
    private volatile String textsUrl;

    private MailWebServer(HttpServer server, ExecutorService executor, MailArchive archive) {
        this.server = server;
        this.executor = executor;
        this.archive = archive;
    }

    /** Links the page of the local Twilio server's texts from the mail page. */
    void linkTexts(String url) {
        this.textsUrl = url;
    }

    static MailWebServer start(String host, int port, MailArchive archive) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "mail-ui");
                thread.setDaemon(true);
                return thread;
            });
            MailWebServer web = new MailWebServer(server, executor, archive);
            server.createContext("/", web::handle);
            server.setExecutor(executor);
            server.start();
            return web;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", null, "Internal error: " + e);
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Matcher message = MESSAGE.matcher(path);
        Matcher apiMessage = API_MESSAGE.matcher(path);
        if (method.equals("DELETE") && path.equals("/api/messages")) {
            archive.clear();
            exchange.sendResponseHeaders(204, -1);
        } else if (!method.equals("GET")) {
            send(exchange, 405, "text/plain", null, "Method not allowed");
        } else if (path.equals("/")) {
            send(exchange, 200, "text/html", PAGE_POLICY, MailPages.list(archive.newestFirst(), textsUrl));
        } else if (path.equals("/api/messages")) {
            send(exchange, 200, "application/json", null, MailJson.list(archive.newestFirst()));
        } else if (apiMessage.matches()) {
            Optional<ReceivedMail> mail = archive.find(Long.parseLong(apiMessage.group(1)));
            if (mail.isPresent()) {
                send(exchange, 200, "application/json", null, MailJson.one(mail.get()));
            } else {
                notFound(exchange);
            }
        } else if (message.matches()) {
            Optional<ReceivedMail> mail = archive.find(Long.parseLong(message.group(1)));
            if (mail.isEmpty()) {
                notFound(exchange);
            } else if (message.group(2) == null) {
                send(exchange, 200, "text/html", PAGE_POLICY, MailPages.message(mail.get()));
            } else {
                String html = mail.get().html() == null ? "" : mail.get().html();
                send(exchange, 200, "text/html", MAIL_HTML_POLICY, html);
            }
        } else {
            notFound(exchange);
        }
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        send(exchange, 404, "text/plain", null, "Not found");
    }

    private static void send(HttpExchange exchange, int status, String type, String policy, String body)
            throws IOException {
        HttpResponses.send(exchange, status, type, policy, body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
