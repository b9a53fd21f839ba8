package com.boxncase.invites.bench;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.templates.RenderedEmail;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each piece of the pipeline measured alone on this machine, with the same payloads, against the same
 * Kafka broker, MongoDB-wire server and SMTP sink, each run on as many threads as there are cores.
 */
final class Components {

    static final int SMTP_BATCH = 50;

    private final int threads = Runtime.getRuntime().availableProcessors();
    private final InviteMail mail;

    Components(InviteMail mail) {
        this.mail = mail;
    }

    /** FreeMarker renders of the default invite template (subject, HTML, text). */
    Ceiling.Component render(int count) throws Exception {
        double seconds = parallel(count, i -> mail.render("render-" + i + "@example.com"));
        return new Ceiling.Component(
                "render",
                "FreeMarker renders of the default en invite template, " + threads + " threads",
                count,
                seconds,
                1);
    }

    /** JavaMail sends of composed invite emails to the bench sink, {@value #SMTP_BATCH} per connection. */
    Ceiling.Component smtp(int count, int sinkPort) throws Exception {
        Session session = InviteMail.session(sinkPort);
        RenderedEmail email = mail.render("smtp-ceiling@example.com");
        int batches = (count + SMTP_BATCH - 1) / SMTP_BATCH;
        long start = System.nanoTime();
        runOnThreads(batches, batch -> {
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                for (int i = 0; i < SMTP_BATCH; i++) {
                    MimeMessage message =
                            InviteMail.compose(session, email, "smtp-" + batch + "-" + i + "@example.com", "ceiling");
                    transport.sendMessage(message, message.getAllRecipients());
                }
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Ceiling.Component(
                "smtp",
                "compose + send over SMTP to the bench sink, " + SMTP_BATCH + " per connection, " + threads
                        + " threads",
                (long) batches * SMTP_BATCH,
                seconds,
                1);
    }

    /** Produce (acks=all, idempotent) and then consume NotifyInvite-sized JSON payloads. */
    Ceiling.Component kafka(int count, String bootstrap, double messagesPerInvite) throws Exception {
        String topic = "bench.ceiling-" + System.currentTimeMillis();
        JsonMapper json = JsonMapper.builder().build();
        List<String> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            payloads.add(json.writeValueAsString(notifyInvite(i)));
        }
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps);
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps)) {
            // create the topic and warm the connection before timing
            producer.send(new ProducerRecord<>(topic, "warm", payloads.get(0))).get();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "invite-" + i, payloads.get(i)));
            }
            producer.flush();
            // assign, not subscribe: no consumer-group join in the timed part
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long consumed = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (consumed < count + 1 && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                consumed += records.count();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Ceiling.Component(
                    "kafka",
                    "produce (acks=all, idempotent) then consume "
                            + payloads.get(0).length()
                            + "-byte NotifyInvite JSON records; one consumer assigned to every partition",
                    count,
                    seconds,
                    messagesPerInvite);
        }
    }

    /**
     * Inserts of invite-shaped documents, then conditional updates ({@code _id} and {@code status}) of each,
     * into a scratch database on the same MongoDB-wire server; the collection holds {@code count} documents,
     * so the server's scans cost what they cost in the pipeline at that size.
     */
    List<Ceiling.Component> mongo(int count, String uri, int updatesPerInvite) throws Exception {
        String database = "bench_ceiling_" + System.currentTimeMillis();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> invites = client.getDatabase(database).getCollection("invites");
            List<String> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ids.add(UUID.randomUUID().toString());
            }
            invites.insertOne(inviteDocument("warm", 0));
            double insertSeconds = parallel(count, i -> invites.insertOne(inviteDocument(ids.get(i), i)));
            double updateSeconds = parallel(
                    count,
                    i -> invites.updateOne(
                            Filters.and(Filters.eq("_id", ids.get(i)), Filters.eq("status", "PENDING")),
                            Updates.combine(
                                    Updates.set("delivery.state", "SENT"),
                                    Updates.set("delivery.updatedAt", new Date()),
                                    Updates.inc("delivery.attempts", 1))));
            client.getDatabase(database).drop();
            return List.of(
                    new Ceiling.Component(
                            "mongo-insert",
                            "insertOne of an invite-shaped document (with its outbox entry), " + threads + " threads",
                            count,
                            insertSeconds,
                            1),
                    new Ceiling.Component(
                            "mongo-update",
                            "updateOne {_id, status: PENDING} $set delivery, collection of " + count + " documents, "
                                    + threads + " threads",
                            count,
                            updateSeconds,
                            updatesPerInvite));
        }
    }

    /** A JDK HttpServer answering 201 with an invite-sized JSON body, no storage, driven like the API. */
    Ceiling.Component http(int count, int concurrency, HttpLoad load) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        ExecutorService handlers = Executors.newFixedThreadPool(16);
        server.setExecutor(handlers);
        byte[] body = ("{\"id\":\"" + UUID.randomUUID() + "\",\"storeId\":\"store-1\",\"email\":\"a@example.com\","
                        + "\"role\":\"ADMIN\",\"status\":\"PENDING\",\"createdAt\":\"" + Instant.now()
                        + "\",\"delivery\":{\"state\":\"QUEUED\",\"channel\":\"EMAIL\",\"attempts\":0}}")
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/invites", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/invites");
            HttpLoad.Result result = load.run(
                    count,
                    concurrency,
                    0,
                    201,
                    i -> HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer x")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"email\":\"h" + i + "@example.com\",\"role\":\"ADMIN\",\"locale\":\"en\"}"))
                            .build(),
                    null);
            return new Ceiling.Component(
                    "http",
                    "POST to a JDK HttpServer (16 handler threads) answering 201 + JSON, no storage, same client, "
                            + concurrency + " in flight",
                    result.ok(),
                    result.seconds(),
                    1);
        } finally {
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    static NotifyInvite notifyInvite(int i) {
        return NotifyInvite.of(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                "bench-store-" + (i % 50),
                NotifyReason.INVITE,
                List.of(Channel.EMAIL),
                UUID.randomUUID().toString(),
                Instant.now());
    }

    private static Document inviteDocument(String id, int i) {
        Date now = new Date();
        return new Document("_id", id)
                .append("storeId", "bench-store-" + (i % 50))
                .append("email", "bench-" + i + "@example.com")
                .append("emailLower", "bench-" + i + "@example.com")
                .append("role", "ADMIN")
                .append("locale", "en")
                .append("status", "PENDING")
                .append("createdAt", now)
                .append("expiresAt", new Date(now.getTime() + 7L * 24 * 3600 * 1000))
                .append("invitedBy", new Document("id", "bench").append("name", "Bench Admin"))
                .append("link", new Document("id", UUID.randomUUID().toString()).append("issuedAt", now))
                .append("sendCount", 1)
                .append(
                        "delivery",
                        new Document("state", "QUEUED")
                                .append("channel", "EMAIL")
                                .append("attempts", 0)
                                .append("updatedAt", now))
                .append(
                        "outbox",
                        List.of(new Document("messageId", UUID.randomUUID().toString())
                                .append("topic", "invites.notify")
                                .append("type", "NotifyInvite")
                                .append("createdAt", now)
                                .append("payload", "{\"inviteId\":\"" + id + "\"}")))
                .append("version", 0L);
    }

    interface Task {
        void run(int index) throws Exception;
    }

    /** Runs {@code task(0..count-1)} on {@link #threads} threads; returns the wall seconds. */
    private double parallel(int count, Task task) throws Exception {
        long start = System.nanoTime();
        runOnThreads(count, task);
        return (System.nanoTime() - start) / 1e9;
    }

    private void runOnThreads(int count, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                workers.add(() -> {
                    for (int i = first; i < count; i += threads) {
                        task.run(i);
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(workers)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
