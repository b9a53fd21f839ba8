package com.boxncase.invites.localstack;

import java.net.BindException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The infrastructure of {@code ./run-local} in one process: a real Kafka broker (KRaft), a
 * MongoDB-wire server on an H2 file (or in memory with {@code LOCAL_MONGO_BACKEND=memory}), an SMTP sink with a page that shows what was sent, and a
 * Twilio-compatible SMS server that shows the texts and posts signed status callbacks. Each
 * piece is skipped when the apps' standard setting points at a real server. Stops on SIGINT/SIGTERM.
 */
public final class LocalStack {

    private final Deque<Running> running = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private record Running(String name, AutoCloseable piece) {}

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "local-stack-logback.xml");
        }
        LocalStackSettings settings;
        try {
            settings = LocalStackSettings.from(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack();
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.start(settings);
        } catch (PieceDidNotStart e) {
            System.err.println("local-stack: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("Local stack ready");
        stack.stopped.await();
    }

    private void start(LocalStackSettings settings) {
        String host = settings.host();
        if (settings.startKafka()) {
            KafkaBroker kafka = startPiece(
                    "Kafka broker",
                    host,
                    settings.kafkaPort(),
                    () -> KafkaBroker.start(
                            host, settings.kafkaPort(), settings.dataDir().resolve("kafka")));
            announce(
                    "Kafka broker",
                    kafka.bootstrapServers() + "  (KRaft, log in "
                            + settings.dataDir().resolve("kafka") + ")");
        } else {
            announce(
                    "Kafka broker",
                    "skipped, SPRING_KAFKA_BOOTSTRAP_SERVERS=" + System.getenv("SPRING_KAFKA_BOOTSTRAP_SERVERS"));
        }
        if (settings.startMongo()) {
            var dataFile = settings.dataDir().resolve("mongo").resolve("invites.mv");
            boolean inMemory = settings.mongoStorage() == LocalStackSettings.MongoStorage.MEMORY;
            EmbeddedMongo mongo = startPiece(
                    "MongoDB-wire server",
                    host,
                    settings.mongoPort(),
                    () -> inMemory
                            ? EmbeddedMongo.inMemory(host, settings.mongoPort(), "invites")
                            : EmbeddedMongo.onFile(dataFile, host, settings.mongoPort(), "invites"));
            announce(
                    "MongoDB (wire)",
                    mongo.connectionString() + "  (mongo-java-server, "
                            + (inMemory ? "in memory, gone when the stack stops" : "data in " + dataFile) + ")");
        } else {
            announce("MongoDB (wire)", "skipped, SPRING_MONGODB_URI is set");
        }
        MailWebServer mailUi = null;
        if (settings.startMailSink()) {
            MailArchive archive = new MailArchive(Clock.systemUTC());
            MailSink smtp = startPiece(
                    "SMTP sink", host, settings.smtpPort(), () -> MailSink.start(host, settings.smtpPort(), archive));
            announce("SMTP sink", host + ":" + smtp.port() + "  (accepts every message)");
            MailWebServer web = startPiece(
                    "mail UI",
                    host,
                    settings.mailUiPort(),
                    () -> MailWebServer.start(host, settings.mailUiPort(), archive));
            announce("Mail UI", "http://localhost:" + web.port() + "  (JSON at /api/messages)");
            mailUi = web;
        } else {
            announce("SMTP sink", "skipped, SPRING_MAIL_HOST=" + System.getenv("SPRING_MAIL_HOST"));
        }
        if (settings.startTwilio()) {
            TwilioServer twilio = startPiece(
                    "Twilio-compatible server",
                    host,
                    settings.twilioPort(),
                    () -> TwilioServer.start(
                            host,
                            settings.twilioPort(),
                            TwilioServer.LOCAL_ACCOUNT_SID,
                            TwilioServer.LOCAL_AUTH_TOKEN,
                            true));
            announce(
                    "Twilio (SMS)",
                    "http://localhost:" + twilio.port() + "  (texts page; JSON at /api/texts; account "
                            + TwilioServer.LOCAL_ACCOUNT_SID + ")");
            if (mailUi != null) {
                mailUi.linkTexts("http://localhost:" + twilio.port() + "/");
            }
        } else {
            announce("Twilio (SMS)", "skipped, INVITES_SMS_TWILIO_BASE_URL is set");
        }
    }

    private <T extends AutoCloseable> T startPiece(String name, String host, int port, Supplier<T> starter) {
        try {
            T piece = starter.get();
            synchronized (running) {
                running.push(new Running(name, piece));
            }
            return piece;
        } catch (Exception e) { // Netty rethrows a BindException unchecked, without declaring it
            String reason = causedBy(e, BindException.class)
                    ? "port " + port + " is already in use (is another ./run-local running?)"
                    : rootCause(e).toString();
            throw new PieceDidNotStart("cannot start the " + name + " on " + host + ":" + port + ": " + reason, e);
        }
    }

    /** Stops what started, newest first, and tells main to return. Runs in the shutdown hook. */
    private void stop() {
        synchronized (running) {
            while (!running.isEmpty()) {
                Running piece = running.pop();
                try {
                    piece.piece().close();
                    System.out.println("local-stack: stopped " + piece.name());
                } catch (Exception e) {
                    System.err.println("local-stack: stopping the " + piece.name() + " failed: " + e);
                }
            }
        }
        stopped.countDown();
    }

    private static void announce(String piece, String address) {
        System.out.printf("%-16s %s%n", piece, address);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static final class PieceDidNotStart extends RuntimeException {
        PieceDidNotStart(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
