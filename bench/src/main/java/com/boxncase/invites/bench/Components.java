package com.boxncase.invites.bench;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.boxncase.invites.templates.RenderedEmail;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
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
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Each piece of work the pipeline does for an invite, done alone on this machine the way the pipeline
 * should do it (updates by {@code _id}, batched; an HTTP server with TCP_NODELAY; a consumer that keeps
 * polling; SMTP over a reused connection), against the same broker, MongoDB-wire server and sink, and
 * costed in CPU: the CPU of the threads doing it here (named {@code ceil-*}, plus the Kafka producer's
 * network thread) and, for MongoDB and Kafka, of the server threads in local-stack. JIT and GC threads are
 * not counted: the ceiling is the steady-state cost of the work.
 */
final class Components implements AutoCloseable {

    static final int SMTP_BATCH = 50;
    static final int MONGO_BATCH = 100;

    private final int threads = Runtime.getRuntime().availableProcessors();
    private final InviteMail mail;
    private final Long localStackPid;
    private final Map<String, ExecutorService> pools = new ConcurrentHashMap<>();

    /** @param localStackPid the process serving MongoDB and Kafka, or null when the bench did not start it */
    Components(InviteMail mail, Long localStackPid) {
        this.mail = mail;
        this.localStackPid = localStackPid;
    }

    /** A JDK HttpServer (TCP_NODELAY) answering 201 with an invite-sized JSON body: its threads' CPU. */
    Ceiling.Component http(int count, int concurrency, HttpLoad load) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        ExecutorService handlers = Executors.newFixedThreadPool(threads, named("ceil-http"));
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
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer x");
            load.run(Math.min(count, 2000), concurrency, 0, 201, i -> post(request, i), null); // JIT
            long[] ok = new long[1];
            Measured cpu = measure(
                    group -> group.startsWith("ceil-http") || group.startsWith("HTTP-Dispatcher"),
                    group -> false,
                    () -> ok[0] = load.run(count, concurrency, 0, 201, i -> post(request, i), null)
                            .ok());
            return cpu.component(
                    "http",
                    "POST answered 201 + JSON by a JDK HttpServer (TCP_NODELAY, " + threads
                            + " handler threads), no storage; server threads only",
                    ok[0],
                    null);
        } finally {
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    private static HttpRequest post(HttpRequest.Builder request, int i) {
        return request.copy()
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"h" + i + "@example.com\",\"role\":\"ADMIN\",\"locale\":\"en\"}"))
                .build();
    }

    /** HS256 verification of the bench's bearer token by the decoder invite-api uses (Nimbus). */
    Ceiling.Component jwt(int count, JwtDecoder decoder, String token) throws Exception {
        parallel(Math.min(count, 2000), "ceil-jwt", i -> decoder.decode(token));
        Measured cpu = measure(
                group -> group.startsWith("ceil-jwt"),
                group -> false,
                () -> parallel(count, "ceil-jwt", i -> {
                    decoder.decode(token);
                }));
        return cpu.component("jwt", "HS256 verify + claims of the bench token (NimbusJwtDecoder)", count, null);
    }

    /** FreeMarker renders of the default invite template (subject, HTML, text). */
    Ceiling.Component render(int count) throws Exception {
        parallel(Math.min(count, 2000), "ceil-render", i -> mail.render("render-" + i + "@example.com"));
        Measured cpu = measure(
                group -> group.startsWith("ceil-render"),
                group -> false,
                () -> parallel(count, "ceil-render", i -> mail.render("render-" + i + "@example.com")));
        return cpu.component("render", "FreeMarker render of the default en invite template", count, null);
    }

    /**
     * Compose and send over SMTP to the bench sink, {@value #SMTP_BATCH} per connection: the client's CPU
     * (the sink stands for the provider and is not the pipeline's cost).
     */
    Ceiling.Component smtp(int count, int sinkPort) throws Exception {
        Session session = InviteMail.session(sinkPort);
        RenderedEmail email = mail.render("smtp-ceiling@example.com");
        int batches = Math.max(1, count / SMTP_BATCH);
        Task sendBatch = batch -> {
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                for (int i = 0; i < SMTP_BATCH; i++) {
                    MimeMessage message =
                            InviteMail.compose(session, email, "smtp-" + batch + "-" + i + "@example.com", "ceiling");
                    transport.sendMessage(message, message.getAllRecipients());
                }
            }
        };
        parallel(Math.max(threads, batches / 5), "ceil-smtp", sendBatch);
        Measured cpu = measure(
                group -> group.startsWith("ceil-smtp"),
                group -> false,
                () -> parallel(batches, "ceil-smtp", sendBatch));
        return cpu.component(
                "smtp",
                "compose (multipart text + HTML) and send over SMTP, " + SMTP_BATCH
                        + " per connection; client side only",
                (long) batches * SMTP_BATCH,
                null);
    }

    /**
     * Produce (acks=all, idempotent) NotifyInvite-sized JSON records while a consumer assigned to every
     * partition keeps polling: producer, consumer and broker CPU per record.
     */
    Ceiling.Component kafka(int count, String bootstrap) throws Exception {
        String topic = "bench.ceiling-" + System.currentTimeMillis();
        List<String> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            payloads.add(
                    InviteDocument.KafkaPayload.notifyInvite("invite-" + i, "store-" + (i % 50), i + "@example.com"));
        }
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps)) {
            producer.send(new ProducerRecord<>(topic, "warm", payloads.get(0))).get(); // creates the topic
            List<TopicPartition> partitions = producer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            ExecutorService consumerThread = Executors.newSingleThreadExecutor(named("ceil-kafka-cons"));
            try {
                Measured cpu = measure(
                        group -> group.startsWith("ceil-kafka") || group.startsWith("kafka-producer-"),
                        Components::brokerThread,
                        () -> {
                            Future<Long> consumed =
                                    consumerThread.submit(() -> consume(consumerProps, partitions, count));
                            parallel(1, "ceil-kafka-prod", ignored -> {
                                for (int i = 0; i < count; i++) {
                                    producer.send(new ProducerRecord<>(topic, "invite-" + i, payloads.get(i)));
                                }
                                producer.flush();
                            });
                            consumed.get();
                        });
                return cpu.component(
                        "kafka",
                        payloads.get(0).length()
                                + "-byte JSON records produced (acks=all, idempotent) and consumed by a consumer "
                                + "that keeps polling; producer + consumer + broker",
                        count,
                        "Kafka broker");
            } finally {
                consumerThread.shutdownNow();
            }
        }
    }

    private static long consume(Properties props, List<TopicPartition> partitions, int count) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(partitions); // no group join: only fetching is measured
            consumer.seekToBeginning(partitions);
            long consumed = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (consumed < count + 1 && System.nanoTime() < deadline) {
                consumed += consumer.poll(Duration.ofMillis(100)).count();
            }
            return consumed;
        }
    }

    /**
     * The MongoDB work of an invite on the same MongoDB-wire server, in a scratch database: inserts of
     * invite-shaped documents; single conditional updates by {@code {_id, status}}; the same updates in
     * unordered bulks of {@value #MONGO_BATCH}; reads of {@value #MONGO_BATCH} documents by {@code _id $in}.
     * Client (driver) and server CPU per document.
     */
    List<Ceiling.Component> mongo(int count, String uri) throws Exception {
        String database = "bench_ceiling_" + System.currentTimeMillis();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> invites = client.getDatabase(database).getCollection("invites");
            List<String> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ids.add(UUID.randomUUID().toString());
            }
            int warm = Math.min(count / 4, 1000);
            for (int i = 0; i < warm; i++) { // JIT of driver and server, on documents of their own
                String id = "warm-" + i;
                invites.insertOne(InviteDocument.of(id, "bench-store-" + (i % 50), id + "@example.com"));
                invites.updateOne(and(eq("_id", id), eq("status", "PENDING")), delivered());
            }
            int batches = count / MONGO_BATCH;
            List<Ceiling.Component> components = new ArrayList<>();
            components.add(measure(
                            group -> group.startsWith("ceil-mongo"),
                            Components::mongoThread,
                            () -> parallel(
                                    count,
                                    "ceil-mongo",
                                    i -> invites.insertOne(InviteDocument.of(
                                            ids.get(i), "bench-store-" + (i % 50), "bench-" + i + "@example.com"))))
                    .component(
                            "mongo-insert",
                            "insertOne of an invite-shaped document with its outbox entry; driver + server",
                            count,
                            "MongoDB-wire server"));
            components.add(measure(
                            group -> group.startsWith("ceil-mongo"),
                            Components::mongoThread,
                            () -> parallel(
                                    count,
                                    "ceil-mongo",
                                    i -> invites.updateOne(
                                            and(eq("_id", ids.get(i)), eq("status", "PENDING")), delivered())))
                    .component(
                            "mongo-update",
                            "one updateOne {_id, status} $set per round trip; driver + server",
                            count,
                            "MongoDB-wire server"));
            components.add(measure(
                            group -> group.startsWith("ceil-mongo"),
                            Components::mongoThread,
                            () -> parallel(batches, "ceil-mongo", batch -> {
                                List<WriteModel<Document>> updates = new ArrayList<>(MONGO_BATCH);
                                for (String id : ids.subList(batch * MONGO_BATCH, (batch + 1) * MONGO_BATCH)) {
                                    updates.add(new UpdateOneModel<>(
                                            and(eq("_id", id), eq("status", "PENDING")), delivered()));
                                }
                                invites.bulkWrite(updates, new BulkWriteOptions().ordered(false));
                            }))
                    .component(
                            "mongo-bulk-update",
                            "updateOne {_id, status} $set in unordered bulks of " + MONGO_BATCH
                                    + ", per document; driver + server",
                            (long) batches * MONGO_BATCH,
                            "MongoDB-wire server"));
            components.add(measure(
                            group -> group.startsWith("ceil-mongo"),
                            Components::mongoThread,
                            () -> parallel(batches, "ceil-mongo", batch -> {
                                Bson byIds = in("_id", ids.subList(batch * MONGO_BATCH, (batch + 1) * MONGO_BATCH));
                                invites.find(byIds).into(new ArrayList<>());
                            }))
                    .component(
                            "mongo-find-in",
                            "find {_id: {$in: " + MONGO_BATCH + " ids}}, per document; driver + server",
                            (long) batches * MONGO_BATCH,
                            "MongoDB-wire server"));
            client.getDatabase(database).drop();
            return components;
        }
    }

    private static Bson delivered() {
        return Updates.combine(
                Updates.set("deliveries.EMAIL.state", "SENT"),
                Updates.set("deliveries.EMAIL.updatedAt", new Date()),
                Updates.inc("deliveries.EMAIL.attempts", 1),
                Updates.inc("version", 1));
    }

    static boolean mongoThread(String group) {
        return group.startsWith("mongo-server");
    }

    /** local-stack's threads other than the MongoDB-wire server's, the JIT's and the GC's: the Kafka broker. */
    static boolean brokerThread(String group) {
        return !mongoThread(group) && ThreadCpu.Category.of(group) == ThreadCpu.Category.APP;
    }

    // ---- measuring ----------------------------------------------------------------------------------

    interface Task {
        void run(int index) throws Exception;
    }

    interface Work {
        void run() throws Exception;
    }

    /** CPU seconds of the client threads here and of the server threads in local-stack over one piece of work. */
    record Measured(double clientSeconds, double serverSeconds, boolean serverMeasured) {

        Ceiling.Component component(String name, String what, long operations, String server) {
            return new Ceiling.Component(
                    name, what, operations, clientSeconds, server == null ? 0 : serverSeconds, server, serverMeasured);
        }
    }

    private Measured measure(Predicate<String> clientGroups, Predicate<String> serverGroups, Work work)
            throws Exception {
        long self = ProcessHandle.current().pid();
        ThreadCpu.Snapshot clientBefore = ThreadCpu.snapshot(self, false);
        ThreadCpu.Snapshot serverBefore = localStackPid == null ? null : ThreadCpu.snapshot(localStackPid, false);
        work.run();
        ThreadCpu.Snapshot clientAfter = ThreadCpu.snapshot(self, false);
        ThreadCpu.Snapshot serverAfter = localStackPid == null ? null : ThreadCpu.snapshot(localStackPid, false);
        double client = sum(ThreadCpu.between(clientBefore, clientAfter), clientGroups);
        double server = serverBefore == null ? 0 : sum(ThreadCpu.between(serverBefore, serverAfter), serverGroups);
        return new Measured(client, server, serverBefore != null);
    }

    private static double sum(ThreadCpu.Usage usage, Predicate<String> groups) {
        return usage.byGroup().entrySet().stream()
                .filter(e -> groups.test(e.getKey()))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    /**
     * Runs {@code task(0..count-1)} on as many threads as there are cores, named {@code name}. The pools
     * live until {@link #close}: a thread that ended would take its CPU out of the per-thread accounting.
     */
    private void parallel(int count, String name, Task task) throws Exception {
        ExecutorService pool = pools.computeIfAbsent(name, n -> Executors.newFixedThreadPool(threads, named(n)));
        int workers = Math.min(threads, Math.max(1, count));
        List<Callable<Void>> jobs = new ArrayList<>();
        for (int t = 0; t < workers; t++) {
            int first = t;
            jobs.add(() -> {
                for (int i = first; i < count; i += workers) {
                    task.run(i);
                }
                return null;
            });
        }
        for (Future<Void> done : pool.invokeAll(jobs)) {
            done.get();
        }
    }

    @Override
    public void close() {
        pools.values().forEach(ExecutorService::shutdownNow);
    }

    static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
