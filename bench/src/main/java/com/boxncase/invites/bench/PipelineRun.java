package com.boxncase.invites.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * Drives the pipeline through its public API for one phase and gathers what the phase cost: the requests,
 * each invite's arrival at the sink, the visibility sample, every process's CPU by thread, the services'
 * MongoDB commands (Prometheus), the server's document counts ({@code serverStatus}) and the Kafka records
 * written (end offsets). Nothing else of the services is read, so the bench keeps working while they change.
 */
final class PipelineRun {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int VISIBILITY_SAMPLES = 200;

    private final String apiUrl;
    private final String token;
    private final List<String> stores;
    private final int concurrency;
    private final BenchSink sink;
    private final HttpLoad load;
    private final Map<String, Long> pids;
    private final Map<String, String> serviceUrls;
    private final String kafka;
    private final MongoServerStatus mongoStatus;
    private final MongoCommands mongoCommands = new MongoCommands();

    PipelineRun(
            String apiUrl,
            String token,
            List<String> stores,
            int concurrency,
            BenchSink sink,
            HttpLoad load,
            Map<String, Long> pids,
            Map<String, String> serviceUrls,
            String kafka,
            MongoServerStatus mongoStatus) {
        this.apiUrl = apiUrl;
        this.token = token;
        this.stores = stores;
        this.concurrency = concurrency;
        this.sink = sink;
        this.load = load;
        this.pids = pids;
        this.serviceUrls = serviceUrls;
        this.kafka = kafka;
        this.mongoStatus = mongoStatus;
    }

    /**
     * Warms the stack up in closed-loop rounds of {@code perRound} invites, each awaited to its last email, until the
     * services' JIT compilers took under {@link WarmUp#STEADY_JIT_SHARE} of their CPU over the latest rounds
     * ({@link WarmUp#settled}), or {@code maxRounds} rounds; between rounds the compilers are let finish their queue.
     * Nothing of it counts in the phases.
     */
    WarmUp warmUp(int perRound, int maxRounds, String emailPrefix) throws InterruptedException {
        List<WarmUp.Round> rounds = new ArrayList<>();
        for (int round = 1; round <= maxRounds; round++) {
            WarmUp.Round done = warmUpRound(perRound, emailPrefix + round + "-");
            rounds.add(done);
            Bench.say(String.format(
                    Locale.ROOT,
                    "warm-up round %d: %.0f/s, %.2f ms of the services' CPU per invite, JIT %.0f %% of it",
                    round,
                    done.deliveredPerSecond(),
                    done.stackCpuMillisPerInvite(),
                    done.jitShare() * 100));
            if (WarmUp.settled(rounds, maxRounds)) {
                return new WarmUp(rounds, true);
            }
            // Under load the C2 compiler gets a share of the 2 cores and its queue keeps growing; without load it
            // empties in seconds. Pausing for it lets each round start with the previous rounds' hot code compiled,
            // so the warm-up converges in minutes instead of growing with the compiler's backlog.
            awaitCompilersQuiet(Duration.ofMinutes(1));
        }
        return new WarmUp(rounds, false);
    }

    /**
     * Creates {@code count} invites over the stores at {@code rate} per second (0: closed loop), noting when each was
     * accepted and offering each to the visibility probe.
     */
    private HttpLoad.Result createInvites(
            int count, int rate, String emailPrefix, Map<String, Long> acceptedAt, VisibilityProbe probe)
            throws InterruptedException {
        return load.run(
                count,
                concurrency,
                rate,
                201,
                i -> createInvite(apiUrl, token, store(i), emailPrefix + i),
                (i, response, now) -> {
                    String id = inviteId(response.body());
                    acceptedAt.put(id, now);
                    probe.accepted(i, id, store(i));
                });
    }

    /**
     * One warm-up round: the requests a phase makes, the visibility probe's GETs included, and the readings a phase
     * takes before and after its load ({@link #readCounters()}), measured only for CPU.
     */
    private WarmUp.Round warmUpRound(int count, String emailPrefix) throws InterruptedException {
        sink.reset();
        // Unread: the services must have served these requests before, like a service scraped every 15 s has. The
        // first Prometheus scrape after a warm-up without any took branches their hot code had never taken: C2 threw
        // away Tomcat's and Spring's compiled request path (61 methods in invite-api, seen with
        // -Xlog:jit+compilation), and the phase paid for compiling it again at about twice the rounds' JIT share.
        readCounters();
        Map<String, ThreadCpu.Snapshot> before = stackSnapshots();
        long start = System.nanoTime();
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        try (VisibilityProbe probe =
                new VisibilityProbe(apiUrl, token, Math.max(10, count / VISIBILITY_SAMPLES), VISIBILITY_SAMPLES)) {
            sink.listen(probe::delivered);
            HttpLoad.Result warm = createInvites(count, 0, emailPrefix, accepted, probe);
            if (warm.ok() == 0) {
                throw new IllegalStateException("warm-up: no invite accepted; errors " + warm.errors());
            }
            awaitDeliveries(accepted.keySet(), Duration.ofSeconds(60));
            probe.finish();
        } finally {
            sink.listen(null);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, ThreadCpu.Snapshot> after = stackSnapshots();
        readCounters();
        sink.reset();
        double cpu = 0;
        double jit = 0;
        for (ThreadCpu.Usage usage : stackUsage(before, after)) {
            cpu += usage.processSeconds();
            jit += usage.seconds(ThreadCpu.Category.JIT);
        }
        int delivered = accepted.size();
        return new WarmUp.Round(
                delivered, seconds, delivered == 0 ? 0 : cpu * 1000 / delivered, cpu > 0 ? jit / cpu : 0);
    }

    /**
     * Waits until the services' JIT compilers have gone quiet (under 2 % of a core for two seconds running), at most
     * {@code limit}, and returns how long that took. While a load keeps both cores busy the C2 compiler's queue stays
     * about a hundred methods long (seen with {@code jcmd Compiler.queue} through a 10,000-invite phase) and empties
     * within seconds once the load stops; a phase started right after the warm-up would pay for compiling, and run
     * code not yet optimised, that a service running for hours has long finished.
     */
    Duration awaitCompilersQuiet(Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        int quietSeconds = 0;
        Map<String, ThreadCpu.Snapshot> before = stackSnapshots();
        while (quietSeconds < 2 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            Map<String, ThreadCpu.Snapshot> after = stackSnapshots();
            double compiling = 0;
            for (ThreadCpu.Usage usage : stackUsage(before, after)) {
                compiling += usage.seconds(ThreadCpu.Category.JIT);
            }
            quietSeconds = compiling < 0.02 ? quietSeconds + 1 : 0;
            before = after;
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Each stack process's CPU between two of {@link #stackSnapshots()} (a process missing from either is left out). */
    private static List<ThreadCpu.Usage> stackUsage(
            Map<String, ThreadCpu.Snapshot> before, Map<String, ThreadCpu.Snapshot> after) {
        List<ThreadCpu.Usage> usages = new ArrayList<>();
        after.forEach((process, snapshot) -> {
            ThreadCpu.Snapshot earlier = before.get(process);
            if (earlier != null) {
                usages.add(ThreadCpu.between(earlier, snapshot));
            }
        });
        return usages;
    }

    private Map<String, ThreadCpu.Snapshot> stackSnapshots() {
        Map<String, ThreadCpu.Snapshot> snapshots = new LinkedHashMap<>();
        pids.forEach((process, pid) -> {
            if (PhaseResult.STACK.contains(process)) {
                snapshots.put(process, ThreadCpu.snapshot(pid, false));
            }
        });
        return snapshots;
    }

    /**
     * One measured phase: {@code count} invites over the stores at {@code rate} per second (0: closed loop),
     * then every email awaited (until nothing arrives for a minute).
     */
    PhaseResult run(String name, int count, int rate, long smtpDelayMillis, String emailPrefix, Runnable atStart)
            throws InterruptedException {
        Duration settled = awaitCompilersQuiet(Duration.ofMinutes(2));
        Bench.say(name + ": started once the services' JIT compilers were quiet (" + settled.toSeconds() + " s)");
        sink.reset();
        int every = Math.max(10, count / VISIBILITY_SAMPLES);
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        try (VisibilityProbe probe = new VisibilityProbe(apiUrl, token, every, VISIBILITY_SAMPLES)) {
            sink.listen(probe::delivered);
            Counters countersBefore = readCounters();
            long connectionsBefore = sink.connectionsOpened();
            Map<String, ThreadCpu.Snapshot> cpuBefore = snapshots(false);

            if (atStart != null) {
                atStart.run();
            }
            HttpLoad.Result api = createInvites(count, rate, emailPrefix, acceptedAt, probe);
            Bench.say(String.format(
                    "%s: accepted %d in %.1f s (%.0f/s), errors %s; waiting for the emails",
                    name, api.ok(), api.seconds(), api.throughput(), api.errors()));
            long lastDelivery = awaitDeliveries(acceptedAt.keySet(), Duration.ofSeconds(60));
            Map<String, ThreadCpu.Snapshot> cpuAfter = snapshots(true);
            Counters countersAfter = readCounters();
            VisibilityProbe.Result visibility = probe.finish();
            sink.listen(null);

            Map<String, ThreadCpu.Usage> cpu = new LinkedHashMap<>();
            cpuAfter.forEach((process, after) -> cpu.put(process, ThreadCpu.between(cpuBefore.get(process), after)));
            Map<String, Map<String, Long>> commands = countersBefore.commandsUntil(countersAfter);
            MongoServerStatus.Documents documents = countersAfter.documents().minus(countersBefore.documents());
            Map<String, Long> kafkaRecords = countersBefore.kafkaRecordsUntil(countersAfter);

            Map<String, Long> deliveredAt = sink.deliveredAt();
            Histogram endToEnd = new Histogram(3);
            long undelivered = 0;
            for (Map.Entry<String, Long> accepted : acceptedAt.entrySet()) {
                Long delivered = deliveredAt.get(accepted.getKey());
                if (delivered == null) {
                    undelivered++;
                } else {
                    endToEnd.recordValue(Math.max(0, (delivered - accepted.getValue()) / 1000));
                }
            }
            long unknown = deliveredAt.keySet().stream()
                    .filter(id -> !acceptedAt.containsKey(id))
                    .count();
            long[] arrivals = Timeline.sorted(deliveredAt.values());
            long loadStart = api.startNanos();
            long loadEnd = api.endNanos();
            double whileLoading = Timeline.rateBetween(arrivals, loadStart + (loadEnd - loadStart) / 10, loadEnd);
            long afterLoad = arrivals.length - Timeline.countUpTo(arrivals, loadEnd);
            double drain = Math.max(0, (lastDelivery - loadEnd) / 1e9);
            PhaseResult result = new PhaseResult(
                    name,
                    rate,
                    smtpDelayMillis,
                    api,
                    acceptedAt.size(),
                    deliveredAt.size() - unknown,
                    undelivered,
                    sink.duplicates(),
                    unknown,
                    whileLoading,
                    drain,
                    afterLoad,
                    endToEnd,
                    Timeline.of(loadStart, deliveredAt.values()).counts(),
                    visibility,
                    cpu,
                    commands,
                    documents,
                    kafkaRecords,
                    sink.connectionsOpened() - connectionsBefore);
            Bench.say(String.format(
                    "%s: delivered %d (%.0f/s while loading, drain %.1f s), duplicates %d, undelivered %d,"
                            + " stack CPU %.2f ms per invite",
                    name,
                    result.delivered(),
                    whileLoading,
                    drain,
                    result.duplicates(),
                    undelivered,
                    result.stackCpuMillisPerInvite()));
            return result;
        }
    }

    private String store(int i) {
        return stores.get(i % stores.size());
    }

    private Map<String, ThreadCpu.Snapshot> snapshots(boolean withJvmNames) {
        Map<String, ThreadCpu.Snapshot> snapshots = new LinkedHashMap<>();
        // the services' pools have long names that /proc shortens to 15 characters; jcmd gives them whole
        pids.forEach((name, pid) ->
                snapshots.put(name, ThreadCpu.snapshot(pid, withJvmNames && !name.equals(PhaseResult.BENCH))));
        return snapshots;
    }

    /**
     * What a phase counts besides CPU, read before and after its load: the services' MongoDB commands (their
     * Prometheus endpoints), the server's documents ({@code serverStatus}) and the Kafka records written (end offsets).
     */
    private record Counters(
            Map<String, Map<String, Long>> commands,
            MongoServerStatus.Documents documents,
            Map<String, Long> kafkaRecords) {

        Map<String, Map<String, Long>> commandsUntil(Counters later) {
            Map<String, Map<String, Long>> between = new LinkedHashMap<>();
            later.commands.forEach((service, after) ->
                    between.put(service, MongoCommands.between(commands.getOrDefault(service, Map.of()), after)));
            return between;
        }

        Map<String, Long> kafkaRecordsUntil(Counters later) {
            Map<String, Long> between = new TreeMap<>();
            later.kafkaRecords.forEach((topic, end) -> between.put(topic, end - kafkaRecords.getOrDefault(topic, 0L)));
            return between;
        }
    }

    private Counters readCounters() {
        return new Counters(commands(), mongoStatus.read(), kafkaRecords(kafka));
    }

    private Map<String, Map<String, Long>> commands() {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        serviceUrls.forEach((name, url) -> counts.put(name, mongoCommands.counts(url)));
        return counts;
    }

    static HttpRequest createInvite(String apiUrl, String token, String store, String emailPart) {
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

    /**
     * Waits until every id reached the sink or nothing arrived for {@code idle}; returns the nanoTime of the
     * last delivery. Checks the sink's count first and the ids only when the count says they may all be
     * there, so waiting stays cheap at 100,000 invites.
     */
    private long awaitDeliveries(Set<String> ids, Duration idle) throws InterruptedException {
        Map<String, Long> delivered = sink.deliveredAt();
        long lastProgress = System.nanoTime();
        long lastCount = -1;
        Set<String> missing = null;
        while (true) {
            long count = delivered.size();
            if (count >= ids.size()) {
                if (missing == null) {
                    missing = new HashSet<>(ids);
                }
                missing.removeIf(delivered::containsKey);
                if (missing.isEmpty()) {
                    return delivered.values().stream()
                            .mapToLong(Long::longValue)
                            .max()
                            .orElse(System.nanoTime());
                }
            }
            if (count != lastCount) {
                lastCount = count;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > idle.toNanos()) {
                Bench.say("no delivery for " + idle.toSeconds() + " s; "
                        + (missing == null ? ids.size() - count : missing.size()) + " never arrived");
                return delivered.values().stream()
                        .mapToLong(Long::longValue)
                        .max()
                        .orElse(System.nanoTime());
            }
            Thread.sleep(100);
        }
    }

    /** End offsets of every invites.* topic: records written so far. */
    static Map<String, Long> kafkaRecords(String bootstrap) {
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
            consumer.endOffsets(partitions, Duration.ofSeconds(10))
                    .forEach((partition, offset) -> counts.merge(partition.topic(), offset, Long::sum));
        } catch (RuntimeException e) {
            Bench.say("could not read Kafka end offsets: " + e);
        }
        return counts;
    }
}
