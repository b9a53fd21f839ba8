package com.boxncase.invites.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * {@code ./bench/run}: starts the local stack with the bench SMTP sink (or targets a running one), warms it
 * up, drives invite-api through its public API in each phase (closed loop for the maximum, open loop at a
 * share of it for the latencies, and with the sink answering DATA late as a real provider does), measures
 * the components alone and the synchronous baseline on the same machine, and writes the report.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        // the JDK HttpServer of the ceiling and the baseline answers without Nagle's delay, as Tomcat does
        System.setProperty("sun.net.httpserver.nodelay", "true");
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
                    int heapMb = StackProcesses.localStackHeapMb(
                            options.plannedPipelineInvites(), options.plannedBaselineInvites());
                    say("starting local-stack (MongoDB in memory, " + heapMb + " MB heap), invite-api and "
                            + "notifier-worker (bench sink on :" + sink.port() + ")");
                    stack = StackProcesses.start(
                            options.repoDir(), System.getProperty("bench.version"), sink.port(), heapMb);
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
        String token = Tokens.mint(options.jwtSecret(), stores);
        Map<String, Long> pids = new LinkedHashMap<>(stack == null ? Map.of() : stack.pids());
        pids.put(PhaseResult.BENCH, ProcessHandle.current().pid());
        Map<String, String> serviceUrls = new LinkedHashMap<>();
        serviceUrls.put("invite-api", apiUrl);
        if (stack != null) {
            serviceUrls.put("notifier-worker", stack.notifierUrl());
        }
        InviteMail mail = new InviteMail();
        JwtDecoder jwt = NimbusJwtDecoder.withSecretKey(
                        new SecretKeySpec(options.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();

        try (MongoServerStatus mongoStatus = new MongoServerStatus(mongo)) {
            PipelineRun pipeline = new PipelineRun(
                    apiUrl, token, stores, options.concurrency(), sink, load, pids, serviceUrls, kafka, mongoStatus);
            WarmUp warmUp = WarmUp.NONE;
            if (options.warmup() > 0) {
                say("warm-up: rounds of " + options.warmup() + " invites over the same " + stores.size()
                        + " stores, until the JIT compilers take under "
                        + Math.round(WarmUp.STEADY_JIT_SHARE * 100) + " % of the last " + WarmUp.SETTLING_ROUNDS
                        + " rounds' CPU (at most "
                        + options.warmupRounds() + " rounds)");
                warmUp = pipeline.warmUp(options.warmup(), options.warmupRounds(), "warm-" + run + "-");
                say(warmUp.describe());
            }

            List<PhaseResult> phases = new ArrayList<>();
            BenchOptions.Rate rate = options.rate();
            // JFR is opt-in (--profile): started on the running services it made the profiled phase collapse. It
            // samples the open loop when there is one, so the closed loop's figures are measured without it.
            JfrProfile profiler = new JfrProfile(out);
            List<String> profiled = List.of("invite-api", "notifier-worker");
            boolean profiling = options.profile() && stack != null;
            Runnable startProfiling = () -> profiled.forEach(p -> profiler.start(p, pids.get(p)));
            List<JfrProfile.Summary> profiles = new ArrayList<>();

            if (rate.closedPhase()) {
                say(RunResults.CLOSED + ": " + options.invites() + " invites, " + options.concurrency() + " in flight");
                boolean profileHere = profiling && !rate.openPhase();
                phases.add(pipeline.run(
                        RunResults.CLOSED,
                        options.invites(),
                        0,
                        0,
                        "closed-" + run + "-",
                        profileHere ? startProfiling : null));
                if (profileHere) {
                    for (String p : profiled) {
                        profiles.add(profiler.stop(p, pids.get(p)));
                    }
                }
            }
            int openRate = 0;
            if (rate.openPhase()) {
                openRate = rate.auto() ? autoRate(phases.get(0), rate.fraction()) : rate.perSecond();
                String name = RunResults.OPEN + " at " + openRate + "/s";
                say(name
                        + (rate.auto()
                                ? " (" + BenchOptions.Rate.percent(rate.fraction()) + " of the closed loop's)"
                                : "")
                        + ": " + options.invites() + " invites");
                phases.add(pipeline.run(
                        name, options.invites(), openRate, 0, "open-" + run + "-", profiling ? startProfiling : null));
                if (profiling) {
                    for (String p : profiled) {
                        profiles.add(profiler.stop(p, pids.get(p)));
                    }
                }
                for (int i = 0; i < rate.steps().size(); i++) {
                    double fraction = rate.steps().get(i);
                    int stepRate = autoRate(phases.get(0), fraction);
                    String step =
                            RunResults.STEP + " at " + stepRate + "/s (" + BenchOptions.Rate.percent(fraction) + ")";
                    say(step + ": " + options.invites() + " invites");
                    phases.add(pipeline.run(step, options.invites(), stepRate, 0, "step" + i + "-" + run + "-", null));
                }
            }

            HttpLoad.Result list = null;
            long listStoreInvites = (options.invites() * (long) phases.size() + warmUp.invites()) / stores.size();
            long collectionInvites = warmUp.invites() + options.invites() * (long) phases.size();
            if (options.listRequests() > 0) {
                say("list endpoint: " + options.listRequests() + " requests on a store of about " + listStoreInvites
                        + " invites");
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
            if (options.ceilings()) {
                ceiling = ceiling(options, sink, load, kafka, mongo, mail, jwt, token, stack);
            }

            List<BaselineResult> baselines = new ArrayList<>();
            SyncBaseline baseline =
                    options.baseline() ? new SyncBaseline(mail, sink.port(), jwt, mongo, options.concurrency()) : null;
            try {
                IntFunction<HttpRequest> baselineRequests = baseline == null
                        ? null
                        : i -> PipelineRun.createInvite(
                                baseline.url(), token, stores.get(i % stores.size()), "sync-" + run + "-" + i);
                Long localStack = pids.get("local-stack");
                if (baseline != null) {
                    say("baseline: warm-up");
                    baseline.run(load, Math.min(200, options.invites()), options.concurrency(), 0, baselineRequests);
                    if (rate.closedPhase()) {
                        baselines.add(baselinePhase(
                                RunResults.CLOSED,
                                baseline,
                                load,
                                options,
                                0,
                                0,
                                options.invites(),
                                baselineRequests,
                                localStack));
                    }
                    if (rate.openPhase()) {
                        baselines.add(baselinePhase(
                                RunResults.OPEN + " at " + openRate + "/s",
                                baseline,
                                load,
                                options,
                                openRate,
                                0,
                                options.invites(),
                                baselineRequests,
                                localStack));
                    }
                }
                if (!options.smtpDelay().isZero()) {
                    long delayMillis = options.smtpDelay().toMillis();
                    String name = RunResults.DELAYED + " " + delayMillis + " ms"
                            + (openRate > 0 ? ", open loop at " + openRate + "/s" : ", closed loop");
                    sink.delayData(options.smtpDelay());
                    try {
                        say(name + ": pipeline, " + options.delayInvites() + " invites");
                        phases.add(pipeline.run(
                                name, options.delayInvites(), openRate, delayMillis, "delayed-" + run + "-", null));
                        if (baseline != null) {
                            baselines.add(baselinePhase(
                                    name,
                                    baseline,
                                    load,
                                    options,
                                    openRate,
                                    delayMillis,
                                    options.delayInvites(),
                                    baselineRequests,
                                    localStack));
                        }
                    } finally {
                        sink.delayData(Duration.ZERO);
                    }
                }
            } finally {
                if (baseline != null) {
                    baseline.close();
                }
            }
            load.close();

            Map<String, Long> peakRss = new LinkedHashMap<>();
            pids.forEach((name, pid) -> peakRss.put(name, ProcStats.of(pid).peakRssKb()));
            String machine = Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch");
            return new RunResults(
                    options,
                    stamp,
                    machine,
                    warmUp,
                    phases,
                    baselines,
                    list,
                    listStoreInvites,
                    collectionInvites,
                    ceiling,
                    profiles,
                    peakRss);
        }
    }

    /**
     * The open-loop rate for {@code --rate auto}: a share of what the closed loop sustained, the smaller of
     * its accepted/s and its delivered/s from the first request to the last delivery (while the queue the
     * closed loop built was draining, the pipeline delivered as fast as it can).
     */
    static int autoRate(PhaseResult closedLoop, double fraction) {
        double max = closedLoop.api().throughput();
        double delivered = closedLoop.deliveredPerSecondOverall();
        if (Double.isFinite(delivered) && delivered > 0) {
            max = Math.min(max, delivered);
        }
        return Math.max(1, (int) Math.round(max * fraction));
    }

    private Ceiling ceiling(
            BenchOptions options,
            BenchSink sink,
            HttpLoad load,
            String kafka,
            String mongo,
            InviteMail mail,
            JwtDecoder jwt,
            String token,
            StackProcesses stack)
            throws Exception {
        int sample = Math.max(2000, Math.min(options.invites(), 20_000));
        try (Components components =
                new Components(mail, stack == null ? null : stack.pids().get("local-stack"))) {
            List<Ceiling.Component> measured = new ArrayList<>();
            say("ceiling: HTTP server");
            measured.add(components.http(sample, options.concurrency(), load));
            say("ceiling: JWT verify");
            measured.add(components.jwt(sample * 5, jwt, token));
            say("ceiling: FreeMarker render");
            measured.add(components.render(sample));
            say("ceiling: SMTP compose + send");
            measured.add(components.smtp(sample, sink.port()));
            say("ceiling: Kafka produce + consume");
            measured.add(components.kafka(sample * 2, kafka));
            say("ceiling: MongoDB insert, update, bulk update, find $in");
            measured.addAll(components.mongo(sample, mongo));
            return new Ceiling(measured, Runtime.getRuntime().availableProcessors());
        }
    }

    private static BaselineResult baselinePhase(
            String name,
            SyncBaseline baseline,
            HttpLoad load,
            BenchOptions options,
            int rate,
            long delayMillis,
            int count,
            IntFunction<HttpRequest> requests,
            Long localStackPid)
            throws InterruptedException {
        say("baseline, " + name + ": " + count + " invites");
        long self = ProcessHandle.current().pid();
        ThreadCpu.Snapshot handlersBefore = ThreadCpu.snapshot(self, false);
        ThreadCpu.Snapshot mongoBefore = localStackPid == null ? null : ThreadCpu.snapshot(localStackPid, false);
        HttpLoad.Result result = baseline.run(load, count, options.concurrency(), rate, requests);
        ThreadCpu.Usage handlers = ThreadCpu.between(handlersBefore, ThreadCpu.snapshot(self, false));
        double mongoServer = mongoBefore == null
                ? 0
                : ThreadCpu.between(mongoBefore, ThreadCpu.snapshot(localStackPid, false))
                        .secondsMatching("mongo-server");
        say(String.format(
                "baseline, %s: %.0f/s, api p99 %.1f ms, errors %s",
                name, result.throughput(), result.latencyMicros().getValueAtPercentile(99) / 1000.0, result.errors()));
        return new BaselineResult(
                name,
                rate,
                delayMillis,
                result,
                handlers.secondsMatching("baseline") + handlers.secondsMatching("HTTP-Dispatcher"),
                mongoServer);
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
