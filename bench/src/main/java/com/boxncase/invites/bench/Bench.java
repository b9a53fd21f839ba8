package com.boxncase.invites.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./bench/run}: starts the local stack with the bench SMTP sink (or targets a running one), drives
 * invite-api through its public API, waits for every invite's email to reach the sink, measures the
 * components and the synchronous baseline on the same machine, and writes the report.
 */
public final class Bench {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Bench() {}

    public static void main(String[] args) throws Exception {
        Path repoDir = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath();
        if (List.of(args).contains("--help")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(List.of(args), repoDir);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path out = options.resultsDir().resolve(stamp);
        Files.createDirectories(out);
        RunResults results = new Bench().run(options, stamp, out);
        Path report = new Report(results, out).write();
        System.out.println();
        System.out.println(Files.readString(out.resolve("summary.txt")));
        System.out.println("bench: report in " + report);
        System.exit(0);
    }

    private RunResults run(BenchOptions options, String stamp, Path out) throws Exception {
        try (BenchSink sink = BenchSink.start(options.smtpPort())) {
            StackProcesses stack = null;
            Thread cleanup = null;
            try {
                String apiUrl = options.apiUrl();
                String kafka = options.kafka();
                String mongo = options.mongoUri();
                if (options.startsStack()) {
                    say("starting local-stack, invite-api and notifier-worker (bench sink on :" + sink.port() + ")");
                    String version = System.getProperty("bench.version");
                    stack = StackProcesses.start(options.repoDir(), version, sink.port());
                    StackProcesses started = stack;
                    cleanup = new Thread(started::close, "bench-cleanup");
                    Runtime.getRuntime().addShutdownHook(cleanup);
                    apiUrl = stack.apiUrl();
                    kafka = stack.kafkaBootstrap();
                    mongo = stack.mongoUri();
                    say("stack up, data in " + stack.dataDir());
                }
                RunResults results = measure(options, stamp, out, sink, stack, apiUrl, kafka, mongo);
                if (stack != null) {
                    copyLogs(stack, out.resolve("logs"));
                }
                return results;
            } finally {
                if (stack != null) {
                    say("stopping the stack");
                    stack.close();
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                }
            }
        }
    }

    private RunResults measure(
            BenchOptions options,
            String stamp,
            Path out,
            BenchSink sink,
            StackProcesses stack,
            String apiUrl,
            String kafka,
            String mongo)
            throws Exception {
        HttpLoad load = new HttpLoad();
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> stores = new ArrayList<>();
        for (int s = 0; s < options.stores(); s++) {
            stores.add("bench-" + run + "-store-" + s);
        }
        String warmStore = "bench-" + run + "-warmup";
        List<String> tokenStores = new ArrayList<>(stores);
        tokenStores.add(warmStore);
        String token = Tokens.mint(options.jwtSecret(), tokenStores);

        if (options.warmup() > 0) {
            say("warm-up: " + options.warmup() + " invites");
            Map<String, Long> warmAccepted = new ConcurrentHashMap<>();
            HttpLoad.Result warm = load.run(
                    options.warmup(),
                    Math.min(16, options.concurrency()),
                    0,
                    201,
                    i -> createInvite(apiUrl, token, warmStore, "warm-" + run + "-" + i),
                    (i, response, now) -> warmAccepted.put(inviteId(response.body()), now));
            if (warm.ok() == 0) {
                throw new IllegalStateException("warm-up: no invite accepted; errors " + warm.errors());
            }
            awaitDeliveries(sink, warmAccepted.keySet(), Duration.ofSeconds(60));
            sink.reset();
        }

        Map<String, Long> pids = new LinkedHashMap<>(stack == null ? Map.of() : stack.pids());
        pids.put("bench (load + sink)", ProcessHandle.current().pid());
        Map<String, ProcStats> before = stats(pids);
        Map<String, String> serviceUrls = new LinkedHashMap<>();
        serviceUrls.put("invite-api", apiUrl);
        if (stack != null) {
            serviceUrls.put("notifier-worker", stack.notifierUrl());
        }
        MongoCommands mongoCommands = new MongoCommands();
        Map<String, Long> mongoBefore = new LinkedHashMap<>();
        serviceUrls.forEach((name, url) -> mongoBefore.put(name, mongoCommands.count(url)));
        JfrProfile profiler = new JfrProfile(out);
        boolean profiling = options.profile() && stack != null;
        if (profiling) {
            for (String name : List.of("invite-api", "notifier-worker")) {
                profiler.start(name, pids.get(name));
            }
        }

        say("pipeline: " + options.invites() + " invites over " + options.stores() + " stores, " + options.concurrency()
                + " in flight" + (options.rate() > 0 ? ", " + options.rate() + "/s" : ""));
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        HttpLoad.Result api = load.run(
                options.invites(),
                options.concurrency(),
                options.rate(),
                201,
                i -> createInvite(apiUrl, token, stores.get(i % stores.size()), run + "-" + i),
                (i, response, now) -> acceptedAt.put(inviteId(response.body()), now));
        say(String.format(
                "accepted %d in %.1f s (%.0f/s), errors %s; waiting for the emails",
                api.ok(), api.seconds(), api.throughput(), api.errors()));
        long drainedAt = awaitDeliveries(sink, acceptedAt.keySet(), Duration.ofSeconds(60));
        double drainSeconds = (drainedAt - api.endNanos()) / 1e9;
        Map<String, ProcStats> after = stats(pids);
        Map<String, Double> mongoPerInvite = new LinkedHashMap<>();
        long deliveredCount = sink.deliveredAt().size();
        serviceUrls.forEach((name, url) -> {
            long was = mongoBefore.get(name);
            long now = mongoCommands.count(url);
            if (was >= 0 && now >= 0 && deliveredCount > 0) {
                mongoPerInvite.put(name, (now - was) / (double) deliveredCount);
            }
        });
        List<JfrProfile.Summary> profiles = new ArrayList<>();
        if (profiling) {
            for (String name : List.of("invite-api", "notifier-worker")) {
                profiles.add(profiler.stop(name, pids.get(name)));
            }
        }

        Histogram endToEnd = new Histogram(3);
        long undelivered = 0;
        Map<String, Long> deliveredAt = sink.deliveredAt();
        for (Map.Entry<String, Long> accepted : acceptedAt.entrySet()) {
            Long delivered = deliveredAt.get(accepted.getKey());
            if (delivered == null) {
                undelivered++;
            } else {
                endToEnd.recordValue(Math.max(0, (delivered - accepted.getValue()) / 1000));
            }
        }
        Set<String> accepted = acceptedAt.keySet();
        long unknown = deliveredAt.keySet().stream()
                .filter(id -> !accepted.contains(id))
                .count();
        long[] deliveredSorted = Timeline.sorted(deliveredAt.values());
        double sustained = Timeline.sustainedRate(deliveredSorted);
        long[] deliveredPerSecond =
                Timeline.of(api.startNanos(), deliveredAt.values()).counts();
        // the notifier keeps its connections open: invites (warm-up included) over connections opened so far
        long pipelineConnections = sink.connectionsOpened();
        double invitesPerConnection = pipelineConnections == 0
                ? Double.NaN
                : (deliveredAt.size() + options.warmup()) / (double) pipelineConnections;
        say(String.format(
                "delivered %d (sustained %.0f/s), duplicates %d, undelivered %d",
                deliveredAt.size(), sustained, sink.duplicates(), undelivered));

        Map<String, Long> kafkaTopics = kafkaMessages(kafka);
        long totalInvites = options.invites() + options.warmup();
        double kafkaPerInvite =
                kafkaTopics.values().stream().mapToLong(Long::longValue).sum() / (double) totalInvites;

        HttpLoad.Result list = null;
        long listStoreInvites = (options.invites() + stores.size() - 1) / stores.size();
        if (options.listRequests() > 0) {
            say("list endpoint: " + options.listRequests() + " requests on a store holding " + listStoreInvites + " of "
                    + totalInvites + " invites");
            URI listUri = URI.create(apiUrl + "/api/v1/stores/" + stores.get(0) + "/invites?status=ALL&limit=50");
            list = load.run(
                    options.listRequests(),
                    4,
                    0,
                    200,
                    i -> HttpRequest.newBuilder(listUri)
                            .header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(60))
                            .GET()
                            .build(),
                    null);
        }

        Ceiling ceiling = null;
        int sample = Math.max(2000, Math.min(options.invites(), 20_000));
        InviteMail mail = new InviteMail();
        if (options.ceilings()) {
            Components components = new Components(mail);
            List<Ceiling.Component> measured = new ArrayList<>();
            say("ceiling: HTTP without storage");
            measured.add(components.http(sample, options.concurrency(), load));
            say("ceiling: FreeMarker renders");
            components.render(Math.min(sample, 2000)); // warm the JIT
            measured.add(components.render(sample));
            say("ceiling: SMTP batches to the bench sink");
            components.smtp(Components.SMTP_BATCH * 4, sink.port());
            measured.add(components.smtp(sample, sink.port()));
            say("ceiling: Kafka produce + consume");
            measured.add(components.kafka(sample, kafka, kafkaPerInvite > 0 ? kafkaPerInvite : 4));
            int mongoDocs = (int) Math.min(totalInvites, 20_000);
            say("ceiling: MongoDB insert + conditional update, " + mongoDocs + " documents");
            measured.addAll(components.mongo(mongoDocs, mongo, 3));
            ceiling = new Ceiling(measured);
        }

        HttpLoad.Result baseline = null;
        if (options.baseline()) {
            say("baseline: synchronous email inside the HTTP request");
            SyncEmailBaseline sync = new SyncEmailBaseline(mail, sink.port());
            sync.run(Math.min(200, options.invites()), options.concurrency(), 0, load); // warm-up
            baseline = sync.run(options.invites(), options.concurrency(), options.rate(), load);
        }
        load.close();

        Map<String, ProcStats> end = stats(pids);
        Map<String, RunResults.ProcessUse> processes = new LinkedHashMap<>();
        for (String name : pids.keySet()) {
            ProcStats b = before.get(name);
            ProcStats a = after.get(name);
            ProcStats e = end.get(name);
            processes.put(
                    name,
                    new RunResults.ProcessUse(
                            e.pid(),
                            a.cpuSeconds() - b.cpuSeconds(),
                            e.cpuSeconds(),
                            e.peakRssKb(),
                            name.equals("invite-api") || name.equals("notifier-worker")));
        }
        String machine = Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch");
        return new RunResults(
                options,
                stamp,
                machine,
                api,
                acceptedAt.size(),
                deliveredAt.size() - unknown,
                undelivered,
                sink.duplicates(),
                unknown,
                sustained,
                drainSeconds,
                endToEnd,
                deliveredPerSecond,
                pipelineConnections,
                invitesPerConnection,
                kafkaTopics,
                kafkaPerInvite,
                processes,
                list,
                listStoreInvites,
                totalInvites,
                ceiling,
                baseline,
                profiles,
                mongoPerInvite);
    }

    private static HttpRequest createInvite(String apiUrl, String token, String store, String emailPart) {
        return HttpRequest.newBuilder(URI.create(apiUrl + "/api/v1/stores/" + store + "/invites"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"invitee-" + emailPart + "@example.com\",\"role\":\"ADMIN\",\"locale\":\"en\"}"))
                .build();
    }

    static String inviteId(String body) {
        JsonNode id = JSON.readTree(body).get("id");
        if (id == null) {
            throw new IllegalStateException("no id in " + body);
        }
        return id.asString();
    }

    /** Waits until every id reached the sink or nothing arrived for {@code idle}; returns nanoTime then. */
    private static long awaitDeliveries(BenchSink sink, Set<String> ids, Duration idle) throws InterruptedException {
        long lastProgress = System.nanoTime();
        long lastCount = -1;
        Map<String, Long> delivered = sink.deliveredAt();
        while (true) {
            long count = ids.stream().filter(delivered::containsKey).count();
            if (count >= ids.size()) {
                return delivered.values().stream()
                        .mapToLong(Long::longValue)
                        .max()
                        .orElse(System.nanoTime());
            }
            if (count != lastCount) {
                lastCount = count;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > idle.toNanos()) {
                say("no delivery for " + idle.toSeconds() + " s; " + (ids.size() - count) + " never arrived");
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
    }

    /** Records on every invites.* topic (end offsets): what the pipeline wrote to Kafka in this run. */
    private static Map<String, Long> kafkaMessages(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, Long> counts = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(10)).values().stream()
                    .flatMap(List::stream)
                    .filter(p -> p.topic().startsWith("invites."))
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .collect(Collectors.toList());
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(10));
            consumer.endOffsets(partitions, Duration.ofSeconds(10))
                    .forEach((partition, offset) ->
                            counts.merge(partition.topic(), offset - begin.getOrDefault(partition, 0L), Long::sum));
        } catch (RuntimeException e) {
            say("could not count Kafka records: " + e);
        }
        return counts;
    }

    private static Map<String, ProcStats> stats(Map<String, Long> pids) {
        Map<String, ProcStats> stats = new LinkedHashMap<>();
        pids.forEach((name, pid) -> stats.put(name, ProcStats.of(pid)));
        return stats;
    }

    private static void copyLogs(StackProcesses stack, Path target) {
        try {
            Files.createDirectories(target);
            for (String name : stack.pids().keySet()) {
                Path log = stack.log(name);
                if (Files.exists(log)) {
                    Files.copy(log, target.resolve(name + ".log"));
                }
            }
        } catch (Exception e) {
            say("could not copy the logs: " + e);
        }
    }

    static void say(String message) {
        System.out.println("bench: " + message);
    }
}
