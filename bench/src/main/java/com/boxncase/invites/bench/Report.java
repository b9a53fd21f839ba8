package com.boxncase.invites.bench;

import com.boxncase.invites.bench.PhaseResult.Roles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes summary.txt (the targets of issue 10 against this run), report.md, report.json, throughput.png,
 * latency.png and provider-latency.png for one run.
 */
final class Report {

    /** Targets of issue 10. */
    static final double TARGET_DELIVERED_PER_SECOND = 600;

    static final double TARGET_CPU_MILLIS_PER_INVITE = 3.3;
    static final double TARGET_DOCUMENT_WRITES = 4;
    static final double TARGET_KAFKA_RECORDS = 3;
    static final double TARGET_API_P99_MILLIS = 20;
    static final double TARGET_END_TO_END_P99_MILLIS = 1000;
    static final double TARGET_VISIBLE_P99_MILLIS = 1000;

    private final RunResults r;
    private final Path dir;

    Report(RunResults results, Path dir) {
        this.r = results;
        this.dir = dir;
    }

    Path write() throws IOException {
        Files.writeString(dir.resolve("summary.txt"), summary());
        JsonMapper json =
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.writeString(dir.resolve("report.json"), json.writeValueAsString(model()));
        throughputChart();
        latencyChart();
        providerLatencyChart();
        Path md = dir.resolve("report.md");
        Files.writeString(md, markdown());
        return md;
    }

    // ---- the targets ----------------------------------------------------------------------------------

    /** One line of the summary: a target, what this run measured, and whether it is met. */
    record Target(String figure, String target, String measured, Boolean met) {}

    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        PhaseResult max = r.throughputPhase();
        PhaseResult paced = r.latencyPhase();
        if (max == null) {
            return targets;
        }
        targets.add(new Target(
                "delivered/s while the load runs (" + max.name() + ")",
                ">= " + (int) TARGET_DELIVERED_PER_SECOND + "/s",
                f(
                        "%.0f/s (accepted %.0f/s; %.0f/s to the last delivery, drain %.1f s, %d delivered after the load)",
                        max.deliveredPerSecondWhileLoading(),
                        max.api().throughput(),
                        max.deliveredPerSecondOverall(),
                        max.drainSeconds(),
                        max.deliveredAfterLoad()),
                atLeast(max.deliveredPerSecondWhileLoading(), TARGET_DELIVERED_PER_SECOND)));
        long lost = r.phases().stream().mapToLong(PhaseResult::undelivered).sum();
        long duplicates = r.phases().stream().mapToLong(PhaseResult::duplicates).sum();
        long errors = r.phases().stream()
                .mapToLong(p -> p.api().requests() - p.api().ok())
                .sum();
        targets.add(new Target(
                "lost / duplicate emails, every phase",
                "0 / 0",
                lost + " / " + duplicates + (errors > 0 ? " (requests not accepted: " + errors + ")" : ""),
                lost == 0 && duplicates == 0));
        targets.add(new Target(
                "CPU per invite: invite-api + notifier-worker + local-stack",
                "<= " + TARGET_CPU_MILLIS_PER_INVITE + " ms",
                f(
                        "%.2f ms (%s; JIT compilers %.2f of it)",
                        max.stackCpuMillisPerInvite(),
                        String.join(
                                " + ",
                                PhaseResult.STACK.stream()
                                        .map(p -> f("%s %.2f", p, max.cpuMillisPerInvite(p)))
                                        .toList()),
                        max.stackJitMillisPerInvite()),
                atMost(max.stackCpuMillisPerInvite(), TARGET_CPU_MILLIS_PER_INVITE)));
        MongoServerStatus.Documents docs = max.mongoDocuments();
        targets.add(new Target(
                "MongoDB documents written per invite (server)",
                "<= " + (int) TARGET_DOCUMENT_WRITES,
                f(
                        "%.2f (inserted %.2f, updated %.2f, deleted %.2f)",
                        max.perInvite(docs.written()),
                        max.perInvite(docs.inserted()),
                        max.perInvite(docs.updated()),
                        max.perInvite(docs.deleted())),
                atMost(max.perInvite(docs.written()), TARGET_DOCUMENT_WRITES)));
        targets.add(new Target(
                "MongoDB documents examined per invite (server)",
                "every read by _id",
                f("%.2f (a scan shows as hundreds)", max.perInvite(docs.examined())),
                null));
        targets.add(new Target(
                "MongoDB round trips per invite (driver commands)",
                "-",
                f("%.2f (%s)", max.mongoCommandsPerInvite(), commandsByService(max)),
                null));
        targets.add(new Target(
                "Kafka records per invite",
                "<= " + (int) TARGET_KAFKA_RECORDS,
                f("%.2f", max.kafkaRecordsPerInvite()),
                atMost(max.kafkaRecordsPerInvite(), TARGET_KAFKA_RECORDS)));
        String where = paced.openLoop() ? paced.name() : paced.name() + ", not open loop: not the target's measure";
        targets.add(new Target(
                "API p99 (" + where + ")",
                "<= " + (int) TARGET_API_P99_MILLIS + " ms",
                f("%.1f ms", p(paced.api().latencyMicros(), 99)),
                paced.openLoop() ? atMost(p(paced.api().latencyMicros(), 99), TARGET_API_P99_MILLIS) : null));
        List<PhaseResult> byRate = r.openLoopsByRate();
        if (byRate.size() > 1) {
            targets.add(new Target(
                    "API p50 / p99 by offered rate (every open loop)",
                    "-",
                    String.join(
                            "; ",
                            byRate.stream()
                                    .map(o -> f(
                                            "%d/s %.1f / %.1f ms",
                                            o.offeredRate(),
                                            p(o.api().latencyMicros(), 50),
                                            p(o.api().latencyMicros(), 99)))
                                    .toList()),
                    null));
        }
        targets.add(new Target(
                "accept -> SMTP DATA p99 (" + where + ")",
                "<= 1 s",
                f("%.1f ms", p(paced.endToEndMicros(), 99)),
                paced.openLoop() ? atMost(p(paced.endToEndMicros(), 99), TARGET_END_TO_END_P99_MILLIS) : null));
        VisibilityProbe.Result visible = paced.visibility();
        targets.add(new Target(
                "SMTP DATA -> SENT in the pending table, p99 (" + visible.samples() + " sampled)",
                "<= 1 s",
                f(
                        "%.1f ms (p50 %.1f ms; %d never shown; %d GETs)",
                        p(visible.dataToVisibleMicros(), 99),
                        p(visible.dataToVisibleMicros(), 50),
                        visible.timedOut(),
                        visible.requests()),
                visible.samples() == 0
                        ? null
                        : atMost(p(visible.dataToVisibleMicros(), 99), TARGET_VISIBLE_P99_MILLIS)
                                && visible.timedOut() == 0));
        BaselineResult baselineMax = r.baseline(RunResults.CLOSED);
        if (baselineMax != null && max.name().equals(RunResults.CLOSED)) {
            targets.add(new Target(
                    "delivered/s, pipeline vs synchronous baseline (closed loop)",
                    "pipeline >= baseline",
                    f(
                            "%.0f/s vs %.0f/s",
                            max.deliveredPerSecondWhileLoading(),
                            baselineMax.api().throughput()),
                    atLeast(
                            max.deliveredPerSecondWhileLoading(),
                            baselineMax.api().throughput())));
        }
        PhaseResult delayed = r.phase(RunResults.DELAYED);
        BaselineResult baselineDelayed = r.baseline(RunResults.DELAYED);
        if (delayed != null) {
            double pipelineP99 = p(delayed.api().latencyMicros(), 99);
            double baselineP99 = baselineDelayed == null
                    ? Double.NaN
                    : p(baselineDelayed.api().latencyMicros(), 99);
            targets.add(new Target(
                    "API p99 with the sink answering DATA after " + delayed.smtpDelayMillis()
                            + " ms: pipeline / baseline",
                    "pipeline <= 20 ms",
                    f("%.1f ms / %.1f ms", pipelineP99, baselineP99),
                    delayed.openLoop() ? atMost(pipelineP99, TARGET_API_P99_MILLIS) : null));
        }
        if (r.ceiling() != null) {
            Ceiling c = r.ceiling();
            double pipelineCeiling = c.invitesPerSecond(Ceiling.PIPELINE_BUDGET);
            double baselineCeiling = c.invitesPerSecond(Ceiling.BASELINE_WORK);
            String check = baselineMax == null
                    ? ""
                    : baselineMax.api().throughput() > baselineCeiling
                            ? "; the baseline exceeds its ceiling: a component is mis-measured"
                            : "; the baseline stays under its ceiling";
            targets.add(new Target(
                    "ceiling from the components' CPU (pipeline budget / baseline work)",
                    "-",
                    f(
                            "%.0f/s / %.0f/s; pipeline at %.2f of its ceiling%s",
                            pipelineCeiling,
                            baselineCeiling,
                            max.deliveredPerSecondWhileLoading() / pipelineCeiling,
                            check),
                    null));
        }
        Map<String, Double> bench = max.cpuMillisPerInviteByRole().getOrDefault(PhaseResult.BENCH, Map.of());
        targets.add(new Target(
                "the bench's own CPU per invite (apart)",
                "-",
                f(
                        "load generator %.2f ms, SMTP sink %.2f ms, probe %.2f ms, JVM and other %.2f ms",
                        bench.getOrDefault(Roles.LOAD, 0.0),
                        bench.getOrDefault(Roles.SINK, 0.0),
                        bench.getOrDefault(Roles.PROBE, 0.0),
                        bench.entrySet().stream()
                                .filter(e -> !Set.of(Roles.LOAD, Roles.SINK, Roles.PROBE)
                                        .contains(e.getKey()))
                                .mapToDouble(Map.Entry::getValue)
                                .sum()),
                null));
        return targets;
    }

    private static Boolean atLeast(double value, double target) {
        return Double.isFinite(value) ? value >= target : null;
    }

    private static Boolean atMost(double value, double target) {
        return Double.isFinite(value) ? value <= target : null;
    }

    private static String commandsByService(PhaseResult phase) {
        List<String> parts = new ArrayList<>();
        phase.mongoCommands()
                .forEach((service, commands) -> parts.add(f(
                        "%s %.2f",
                        service,
                        phase.perInvite(commands.values().stream()
                                .mapToLong(Long::longValue)
                                .sum()))));
        return String.join(", ", parts);
    }

    // ---- text -------------------------------------------------------------------------------------------

    String summary() {
        StringBuilder s = new StringBuilder();
        s.append(f(
                "%s, %s, %s, %d per phase%n",
                r.machine(),
                r.options().rate().describe(),
                r.warmUp().describe(),
                r.options().invites()));
        for (Target t : targets()) {
            s.append(f(
                    "%-4s %-62s %-22s %s%n",
                    t.met() == null ? "" : t.met() ? "MET" : "MISS", t.figure(), t.target(), t.measured()));
        }
        return s.toString();
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        BenchOptions o = r.options();
        md.append("# Bench report ").append(r.startedAt()).append("\n\n");
        md.append(f(
                "`./bench/run --invites %d --stores %d --concurrency %d --rate %s --warmup %d --warmup-rounds %d"
                        + " --smtp-delay %dms` on %s;"
                        + " target: %s.%n%n",
                o.invites(),
                o.stores(),
                o.concurrency(),
                o.rate().auto()
                        ? "auto --rate-fraction " + o.rate().fraction()
                        : o.rate().perSecond(),
                o.warmup(),
                o.warmupRounds(),
                o.smtpDelay().toMillis(),
                r.machine(),
                o.startsStack()
                        ? "the stack started by the bench (KRaft broker, MongoDB-wire server in memory, bench SMTP sink)"
                        : o.apiUrl()));
        md.append("## Targets of issue 10\n\n| | figure | target | this run |\n|---|---|---|---|\n");
        for (Target t : targets()) {
            md.append(f(
                    "| %s | %s | %s | %s |%n",
                    t.met() == null ? "" : t.met() ? "met" : "**missed**", t.figure(), t.target(), t.measured()));
        }

        md.append(warmUpSection());
        md.append(
                "\n## Phases\n\nEach phase sends `--invites` new invites over the same stores as the warm-up and waits "
                        + "until every email reached the sink. *Delivered/s while loading* counts arrivals at the sink from the "
                        + "first tenth of the load to its last 201; the drain (after the last 201) is reported apart. In open "
                        + "loop, API latency is measured from each request's intended start. CPU is every thread of the "
                        + "process from the first request to the last delivery, per delivered invite.\n\n");
        md.append(
                "| phase | accepted/s | delivered/s while loading | delivered/s to the last | drain | API p50 / p99 / p99.9 "
                        + "| accept -> DATA p50 / p99 | DATA -> SENT shown p50 / p99 (n) | lost / dup | stack CPU per invite |\n"
                        + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (PhaseResult p : r.phases()) {
            md.append(f(
                    "| %s | %.0f | %.0f | %.0f | %.1f s (%d) | %.1f / %.1f / %.1f ms | %.0f / %.0f ms | %.0f / %.0f ms (%d) "
                            + "| %d / %d | %.2f ms |%n",
                    p.name(),
                    p.api().throughput(),
                    p.deliveredPerSecondWhileLoading(),
                    p.deliveredPerSecondOverall(),
                    p.drainSeconds(),
                    p.deliveredAfterLoad(),
                    p(p.api().latencyMicros(), 50),
                    p(p.api().latencyMicros(), 99),
                    p(p.api().latencyMicros(), 99.9),
                    p(p.endToEndMicros(), 50),
                    p(p.endToEndMicros(), 99),
                    p(p.visibility().dataToVisibleMicros(), 50),
                    p(p.visibility().dataToVisibleMicros(), 99),
                    p.visibility().samples(),
                    p.undelivered(),
                    p.duplicates(),
                    p.stackCpuMillisPerInvite()));
        }
        md.append("\n![throughput](throughput.png)\n![latency](latency.png)\n");

        if (!r.baselines().isEmpty()) {
            md.append("\n## Pipeline and synchronous baseline, with and without a provider's latency\n\n");
            md.append(
                    "The baseline handles the same `POST` synchronously: verifies the same token with the same decoder, "
                            + "inserts an invite-shaped document into the same MongoDB-wire server, renders the default template "
                            + "and sends it to the same sink over a new connection (as `JavaMailSender.send` does), then answers. "
                            + "Same client, concurrency and pacing. With the SMTP delay the sink answers each DATA that much later, "
                            + "as a real provider does. For the baseline every 201 is a delivered email; its CPU is its handler "
                            + "threads plus the MongoDB-wire server's.\n\n");
            md.append(
                    "| design | phase | accepted/s | delivered/s | API p50 | API p99 | API p99.9 | CPU per invite | errors |\n"
                            + "|---|---|---|---|---|---|---|---|---|\n");
            for (PhaseResult p : r.phases()) {
                md.append(f(
                        "| pipeline | %s | %.0f | %.0f while loading | %.1f ms | %.1f ms | %.1f ms | %.2f ms | %s |%n",
                        p.name(),
                        p.api().throughput(),
                        p.deliveredPerSecondWhileLoading(),
                        p(p.api().latencyMicros(), 50),
                        p(p.api().latencyMicros(), 99),
                        p(p.api().latencyMicros(), 99.9),
                        p.stackCpuMillisPerInvite(),
                        p.api().errors()));
                BaselineResult b = r.baselines().stream()
                        .filter(x -> x.name().equals(p.name()))
                        .findFirst()
                        .orElse(null);
                if (b != null) {
                    md.append(f(
                            "| baseline | %s | %.0f | %.0f | %.1f ms | %.1f ms | %.1f ms | %.2f ms | %s |%n",
                            b.name(),
                            b.api().throughput(),
                            b.api().throughput(),
                            p(b.api().latencyMicros(), 50),
                            p(b.api().latencyMicros(), 99),
                            p(b.api().latencyMicros(), 99.9),
                            b.cpuMillisPerInvite(),
                            b.api().errors()));
                }
            }
            md.append("\n![pipeline and baseline with a provider's latency](provider-latency.png)\n");
        }

        md.append("\n## CPU per invite, by process and role\n\nMilliseconds of CPU per delivered invite "
                + "(`/proc/<pid>/task/<tid>/stat`, threads named by `jcmd Thread.print`). *threads that ended* is CPU "
                + "the process spent in threads gone by the phase's end. The bench's own JVM (load generator, sink, "
                + "probe) is not part of the stack's figure.\n\n");
        md.append("| process | role |");
        r.phases().forEach(p -> md.append(' ').append(p.name()).append(" |"));
        md.append("\n|---|---|").append("---|".repeat(r.phases().size())).append('\n');
        Map<String, Set<String>> rolesByProcess = new LinkedHashMap<>();
        for (PhaseResult p : r.phases()) {
            p.cpuMillisPerInviteByRole()
                    .forEach((process, roles) -> rolesByProcess
                            .computeIfAbsent(process, k -> new LinkedHashSet<>())
                            .addAll(roles.keySet()));
        }
        rolesByProcess.forEach((process, roles) -> {
            for (String role : roles) {
                md.append("| ").append(process).append(" | ").append(role).append(" |");
                for (PhaseResult p : r.phases()) {
                    Double v = p.cpuMillisPerInviteByRole()
                            .getOrDefault(process, Map.of())
                            .get(role);
                    md.append(v == null ? " - |" : f(" %.3f |", v));
                }
                md.append('\n');
            }
            md.append("| **").append(process).append("** | **total** |");
            r.phases().forEach(p -> md.append(f(" **%.2f** |", p.cpuMillisPerInvite(process))));
            md.append('\n');
        });
        md.append("| **stack** | **invite-api + notifier-worker + local-stack** |");
        r.phases().forEach(p -> md.append(f(" **%.2f** |", p.stackCpuMillisPerInvite())));
        md.append('\n');

        PhaseResult max = r.throughputPhase();
        if (max != null) {
            md.append("\n### Thread groups, ")
                    .append(max.name())
                    .append("\n\nThe busiest thread groups of each process "
                            + "(numbers in names folded to N), milliseconds of CPU per invite.\n\n");
            md.append("| process | thread group | ms per invite |\n|---|---|---|\n");
            max.cpu()
                    .forEach((process, usage) -> usage.byGroup().entrySet().stream()
                            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                            .limit(10)
                            .forEach(e -> md.append(f(
                                    "| %s | `%s` | %.3f |%n",
                                    process, e.getKey(), e.getValue() * 1000 / Math.max(1, max.delivered())))));
        }

        md.append("\n## MongoDB\n\nRound trips are the services' driver commands (Micrometer's "
                + "`mongodb_driver_commands_seconds_count`, by command and collection); a bulk of 100 updates is one. "
                + "Documents are the server's own counts (`serverStatus`: `metrics.document`, "
                + "`metrics.queryExecutor.scannedObjects`), all clients together.\n\n");
        md.append("| phase | service | command collection | per invite |\n|---|---|---|---|\n");
        for (PhaseResult p : r.phases()) {
            p.mongoCommands()
                    .forEach((service, commands) -> commands.forEach((command, count) -> md.append(
                            f("| %s | %s | `%s` | %.3f |%n", p.name(), service, command, p.perInvite(count)))));
        }
        md.append(
                "\n| phase | inserted | updated | deleted | written | examined | per invite |\n|---|---|---|---|---|---|---|\n");
        for (PhaseResult p : r.phases()) {
            MongoServerStatus.Documents d = p.mongoDocuments();
            md.append(f(
                    "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | |%n",
                    p.name(),
                    p.perInvite(d.inserted()),
                    p.perInvite(d.updated()),
                    p.perInvite(d.deleted()),
                    p.perInvite(d.written()),
                    p.perInvite(d.examined())));
        }

        md.append("\n## Kafka records per invite\n\nRecords written to each `invites.*` topic during the phase "
                + "(end offsets), per delivered invite.\n\n| phase | topic | per invite |\n|---|---|---|\n");
        for (PhaseResult p : r.phases()) {
            p.kafkaRecords().forEach((topic, count) -> {
                if (count > 0) {
                    md.append(f("| %s | `%s` | %.3f |%n", p.name(), topic, p.perInvite(count)));
                }
            });
            md.append(f("| %s | **all** | **%.3f** |%n", p.name(), p.kafkaRecordsPerInvite()));
        }

        if (r.ceiling() != null) {
            ceilingSection(md, r.ceiling(), max);
        }
        if (r.list() != null) {
            md.append("\n## List endpoint\n\n");
            md.append(f(
                    "`GET /api/v1/stores/{store}/invites?status=ALL&limit=50`, %d requests, 4 in flight, on a store of about "
                            + "%d invites in a collection of about %d: %s, %.0f requests/s, errors %s. The MongoDB-wire "
                            + "server has no (storeId, status, createdAt) index, so this query scans the collection: it "
                            + "measures the instrument, not MongoDB.%n",
                    r.list().requests(),
                    r.listStoreInvites(),
                    r.collectionInvites(),
                    pct(r.list().latencyMicros()),
                    r.list().throughput(),
                    r.list().errors()));
        }
        md.append("\n## Memory\n\n| process | peak RSS MB |\n|---|---|\n");
        r.peakRssKb().forEach((process, kb) -> md.append(f("| %s | %d |%n", process, kb / 1024)));
        if (!r.profiles().isEmpty()) {
            md.append("\n## Where the CPU went (JFR execution samples of the open loop, else the closed loop)\n");
            for (JfrProfile.Summary s : r.profiles()) {
                md.append(f("%n### %s (%d samples)%n%n", s.process(), s.samples()));
                md.append("Threads: ").append(s.threads()).append("\n\n");
                md.append("| top frame | samples |\n|---|---|\n");
                s.topFrames().forEach((frame, n) -> md.append(f("| `%s` | %d |%n", frame, n)));
                md.append("\n| first frame in com.boxncase | samples |\n|---|---|\n");
                s.ourFrames().forEach((frame, n) -> md.append(f("| `%s` | %d |%n", frame, n)));
            }
        }
        return md.toString();
    }

    private void ceilingSection(StringBuilder md, Ceiling c, PhaseResult max) {
        md.append(
                "\n## Ceiling\n\nEach piece of work done alone, the way the pipeline should do it, costed in CPU: the "
                        + "threads doing it (what a service's threads would spend) and, for MongoDB and Kafka, the server's "
                        + "threads in local-stack; JIT and GC threads not counted. An invite needs *count* of each; everything "
                        + "shares the same " + c.cores()
                        + " cores, so the ceiling is `cores / sum(count x CPU per op)`. The "
                        + "pipeline's counts are the budget of issue 10 (at most 4 document writes, 3 Kafka records); the "
                        + "baseline's are its own work.\n\n");
        md.append("| component | how | ops | client µs/op | server µs/op | µs/op | pipeline count | baseline count |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (Ceiling.Component comp : c.components()) {
            md.append(f(
                    "| %s | %s | %d | %.1f | %s | %.1f | %s | %s |%n",
                    comp.name(),
                    comp.what(),
                    comp.operations(),
                    comp.clientMicrosPerOp(),
                    comp.server() == null
                            ? "-"
                            : comp.serverMeasured() ? f("%.1f", comp.serverMicrosPerOp()) : "not measured",
                    comp.microsPerOp(),
                    count(Ceiling.PIPELINE_BUDGET, comp.name()),
                    count(Ceiling.BASELINE_WORK, comp.name())));
        }
        md.append(f(
                "%n**Pipeline: %.0f µs of CPU per invite, ceiling %.0f invites/s. Baseline: %.0f µs, ceiling %.0f invites/s.**%n",
                c.microsPerInvite(Ceiling.PIPELINE_BUDGET),
                c.invitesPerSecond(Ceiling.PIPELINE_BUDGET),
                c.microsPerInvite(Ceiling.BASELINE_WORK),
                c.invitesPerSecond(Ceiling.BASELINE_WORK)));
        if (max == null) {
            return;
        }
        md.append("\n### Where the pipeline spends more than the components (" + max.name() + ")\n\n");
        md.append("Measured CPU per invite of each part of the stack against what the components say that part needs "
                + "for one invite within the budget. The services' application threads do the client side of every "
                + "component (HTTP, token, render, SMTP, the MongoDB driver, the Kafka clients).\n\n");
        md.append("| where | measured ms per invite | components ms per invite | gap |\n|---|---|---|---|\n");
        Map<String, Map<String, Double>> roles = max.cpuMillisPerInviteByRole();
        double app = roles.getOrDefault("invite-api", Map.of()).getOrDefault(Roles.APPLICATION, 0.0)
                + roles.getOrDefault("notifier-worker", Map.of()).getOrDefault(Roles.APPLICATION, 0.0);
        double mongo = roles.getOrDefault("local-stack", Map.of()).getOrDefault(Roles.MONGO, 0.0);
        double kafka = roles.getOrDefault("local-stack", Map.of()).getOrDefault(Roles.KAFKA, 0.0);
        Function<String, Double> allProcesses = role -> PhaseResult.STACK.stream()
                .mapToDouble(p -> roles.getOrDefault(p, Map.of()).getOrDefault(role, 0.0))
                .sum();
        gapRow(
                md,
                "invite-api + notifier-worker, application threads",
                app,
                c.microsPerInvite(Ceiling.PIPELINE_BUDGET, null));
        gapRow(
                md,
                "local-stack, MongoDB-wire server",
                mongo,
                c.microsPerInvite(Ceiling.PIPELINE_BUDGET, "MongoDB-wire server"));
        gapRow(
                md,
                "local-stack, Kafka broker (and other threads)",
                kafka,
                c.microsPerInvite(Ceiling.PIPELINE_BUDGET, "Kafka broker"));
        gapRow(md, "JIT compilers, all three", allProcesses.apply(Roles.JIT), 0);
        gapRow(md, "GC and safepoints, all three", allProcesses.apply(Roles.GC), 0);
        gapRow(md, "threads that ended, all three", allProcesses.apply(Roles.ENDED), 0);
        gapRow(md, "**stack**", max.stackCpuMillisPerInvite(), c.microsPerInvite(Ceiling.PIPELINE_BUDGET));
    }

    private static void gapRow(StringBuilder md, String where, double measuredMillis, double componentMicros) {
        md.append(f(
                "| %s | %.3f | %.3f | %+.3f |%n",
                where, measuredMillis, componentMicros / 1000, measuredMillis - componentMicros / 1000));
    }

    private static String count(Map<String, Double> work, String component) {
        Double n = work.get(component);
        return n == null ? "-" : f("%.0f", n);
    }

    private String warmUpSection() {
        WarmUp warmUp = r.warmUp();
        if (warmUp.rounds().isEmpty()) {
            return "\n## Warm-up\n\nNone: the phases include the services' first compilations.\n";
        }
        StringBuilder md = new StringBuilder(f(
                "%n## Warm-up%n%nClosed-loop rounds of `--warmup` invites on the same stores, until the services' JIT "
                        + "compilers take under %.0f %% of the last %d rounds' CPU (at most `--warmup-rounds`): %s.%n%n"
                        + "| round | invites | delivered/s | services' CPU per invite | JIT share |%n|---|---|---|---|---|%n",
                WarmUp.STEADY_JIT_SHARE * 100, WarmUp.SETTLING_ROUNDS, warmUp.describe()));
        int n = 0;
        for (WarmUp.Round round : warmUp.rounds()) {
            md.append(f(
                    "| %d | %d | %.0f | %.2f ms | %.0f %% |%n",
                    ++n,
                    round.invites(),
                    round.deliveredPerSecond(),
                    round.stackCpuMillisPerInvite(),
                    round.jitShare() * 100));
        }
        return md.toString();
    }

    // ---- JSON -------------------------------------------------------------------------------------------

    private Map<String, Object> model() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("startedAt", r.startedAt());
        m.put("machine", r.machine());
        BenchOptions o = r.options();
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("invites", o.invites());
        opts.put("stores", o.stores());
        opts.put("concurrency", o.concurrency());
        opts.put("rate", o.rate().auto() ? "auto" : o.rate().perSecond());
        opts.put("rateFraction", o.rate().fraction());
        opts.put("warmup", o.warmup());
        opts.put("warmupRounds", o.warmupRounds());
        opts.put("smtpDelayMillis", o.smtpDelay().toMillis());
        opts.put("delayInvites", o.delayInvites());
        opts.put("target", o.startsStack() ? "local stack started by the bench" : o.apiUrl());
        m.put("options", opts);
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (WarmUp.Round round : r.warmUp().rounds()) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("invites", round.invites());
            rm.put("deliveredPerSecond", round(round.deliveredPerSecond()));
            rm.put("stackCpuMillisPerInvite", round(round.stackCpuMillisPerInvite()));
            rm.put("jitShare", round(round.jitShare()));
            rounds.add(rm);
        }
        m.put("warmUp", Map.of("steady", r.warmUp().steady(), "rounds", rounds));
        List<Map<String, Object>> targets = new ArrayList<>();
        for (Target t : targets()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("figure", t.figure());
            tm.put("target", t.target());
            tm.put("measured", t.measured());
            tm.put("met", t.met());
            targets.add(tm);
        }
        m.put("targets", targets);
        List<Map<String, Object>> phases = new ArrayList<>();
        for (PhaseResult p : r.phases()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("offeredRate", p.offeredRate());
            pm.put("smtpDelayMillis", p.smtpDelayMillis());
            pm.put("requests", p.api().requests());
            pm.put("accepted", p.accepted());
            pm.put("acceptedPerSecond", round(p.api().throughput()));
            pm.put("delivered", p.delivered());
            pm.put("deliveredPerSecondWhileLoading", round(p.deliveredPerSecondWhileLoading()));
            pm.put("drainSeconds", round(p.drainSeconds()));
            pm.put("deliveredAfterLoad", p.deliveredAfterLoad());
            pm.put("undelivered", p.undelivered());
            pm.put("duplicateDeliveries", p.duplicates());
            pm.put("deliveriesOfUnknownInvites", p.unknownDeliveries());
            pm.put("errors", p.api().errors());
            pm.put("apiLatency", percentiles(p.api().latencyMicros()));
            pm.put("acceptToSmtpData", percentiles(p.endToEndMicros()));
            Map<String, Object> visible = percentiles(p.visibility().dataToVisibleMicros());
            visible.put("neverShown", p.visibility().timedOut());
            visible.put("requests", p.visibility().requests());
            pm.put("smtpDataToSentVisible", visible);
            pm.put("stackCpuMillisPerInvite", round(p.stackCpuMillisPerInvite()));
            Map<String, Object> cpu = new LinkedHashMap<>();
            p.cpuMillisPerInviteByRole().forEach((process, roles) -> {
                Map<String, Object> pr = new LinkedHashMap<>();
                pr.put("totalMillisPerInvite", round(p.cpuMillisPerInvite(process)));
                Map<String, Object> rounded = new LinkedHashMap<>();
                roles.forEach((role, v) -> rounded.put(role, round(v)));
                pr.put("byRoleMillisPerInvite", rounded);
                cpu.put(process, pr);
            });
            pm.put("cpu", cpu);
            pm.put("mongoCommands", p.mongoCommands());
            pm.put("mongoCommandsPerInvite", round(p.mongoCommandsPerInvite()));
            MongoServerStatus.Documents d = p.mongoDocuments();
            Map<String, Object> docs = new LinkedHashMap<>();
            docs.put("insertedPerInvite", round(p.perInvite(d.inserted())));
            docs.put("updatedPerInvite", round(p.perInvite(d.updated())));
            docs.put("deletedPerInvite", round(p.perInvite(d.deleted())));
            docs.put("writtenPerInvite", round(p.perInvite(d.written())));
            docs.put("examinedPerInvite", round(p.perInvite(d.examined())));
            pm.put("mongoDocuments", docs);
            pm.put("kafkaRecordsByTopic", p.kafkaRecords());
            pm.put("kafkaRecordsPerInvite", round(p.kafkaRecordsPerInvite()));
            pm.put("smtpConnections", p.smtpConnections());
            pm.put("acceptedPerSecondTimeline", p.api().timeline().counts());
            pm.put("deliveredPerSecondTimeline", p.deliveredPerSecond());
            phases.add(pm);
        }
        m.put("phases", phases);
        List<Map<String, Object>> baselines = new ArrayList<>();
        for (BaselineResult b : r.baselines()) {
            Map<String, Object> bm = new LinkedHashMap<>();
            bm.put("name", b.name());
            bm.put("offeredRate", b.offeredRate());
            bm.put("smtpDelayMillis", b.smtpDelayMillis());
            bm.put("acceptedPerSecond", round(b.api().throughput()));
            bm.put("latency", percentiles(b.api().latencyMicros()));
            bm.put("cpuMillisPerInvite", round(b.cpuMillisPerInvite()));
            bm.put("errors", b.api().errors());
            baselines.add(bm);
        }
        m.put("syncBaseline", baselines);
        if (r.ceiling() != null) {
            Ceiling c = r.ceiling();
            Map<String, Object> ceiling = new LinkedHashMap<>();
            List<Map<String, Object>> components = new ArrayList<>();
            for (Ceiling.Component comp : c.components()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("name", comp.name());
                cm.put("what", comp.what());
                cm.put("operations", comp.operations());
                cm.put("clientMicrosPerOp", round(comp.clientMicrosPerOp()));
                cm.put("server", comp.server());
                cm.put("serverMicrosPerOp", comp.serverMeasured() ? round(comp.serverMicrosPerOp()) : null);
                cm.put("pipelineCount", Ceiling.PIPELINE_BUDGET.get(comp.name()));
                cm.put("baselineCount", Ceiling.BASELINE_WORK.get(comp.name()));
                components.add(cm);
            }
            ceiling.put("cores", c.cores());
            ceiling.put("components", components);
            ceiling.put("pipelineMicrosPerInvite", round(c.microsPerInvite(Ceiling.PIPELINE_BUDGET)));
            ceiling.put("pipelineInvitesPerSecond", round(c.invitesPerSecond(Ceiling.PIPELINE_BUDGET)));
            ceiling.put("baselineMicrosPerInvite", round(c.microsPerInvite(Ceiling.BASELINE_WORK)));
            ceiling.put("baselineInvitesPerSecond", round(c.invitesPerSecond(Ceiling.BASELINE_WORK)));
            m.put("ceiling", ceiling);
        }
        if (r.list() != null) {
            Map<String, Object> list = new LinkedHashMap<>();
            list.put("storeInvites", r.listStoreInvites());
            list.put("collectionInvites", r.collectionInvites());
            list.put("requestsPerSecond", round(r.list().throughput()));
            list.put("latency", percentiles(r.list().latencyMicros()));
            list.put("errors", r.list().errors());
            m.put("listEndpoint", list);
        }
        Map<String, Object> rss = new LinkedHashMap<>();
        r.peakRssKb().forEach((process, kb) -> rss.put(process, kb / 1024));
        m.put("peakRssMb", rss);
        List<Map<String, Object>> profiles = new ArrayList<>();
        for (JfrProfile.Summary s : r.profiles()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("process", s.process());
            p.put("samples", s.samples());
            p.put("threads", s.threads());
            p.put("topFrames", s.topFrames());
            p.put("firstFrameInOurCode", s.ourFrames());
            profiles.add(p);
        }
        m.put("profiles", profiles);
        return m;
    }

    static Map<String, Object> percentiles(Histogram micros) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("count", micros.getTotalCount());
        p.put("p50_ms", p(micros, 50));
        p.put("p90_ms", p(micros, 90));
        p.put("p99_ms", p(micros, 99));
        p.put("p99_9_ms", p(micros, 99.9));
        p.put("max_ms", micros.getTotalCount() == 0 ? Double.NaN : ms(micros.getMaxValue()));
        return p;
    }

    /** The percentile in milliseconds; NaN for an empty histogram. */
    static double p(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? Double.NaN : ms(micros.getValueAtPercentile(percentile));
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    private static Object round(double value) {
        return Double.isFinite(value) ? Math.round(value * 100) / 100.0 : null;
    }

    private static String pct(Histogram h) {
        return f("p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms (n=%d)", p(h, 50), p(h, 99), p(h, 99.9), h.getTotalCount());
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    // ---- plots --------------------------------------------------------------------------------------

    private void throughputChart() throws IOException {
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(450)
                .title("Throughput over time, per phase")
                .xAxisTitle("seconds since the phase's load started")
                .yAxisTitle("invites per second")
                .build();
        for (PhaseResult p : r.phases()) {
            if (p.smtpDelayMillis() == 0) {
                addPerSecond(chart, p.name() + ": accepted", p.api().timeline().counts());
                addPerSecond(chart, p.name() + ": delivered", p.deliveredPerSecond());
            }
        }
        BitmapEncoder.saveBitmap(chart, dir.resolve("throughput").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void addPerSecond(XYChart chart, String name, long[] counts) {
        if (counts.length == 0) {
            return;
        }
        double[] x = new double[counts.length];
        double[] y = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            x[i] = i;
            y[i] = counts[i];
        }
        chart.addSeries(name, x, y).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    }

    private void latencyChart() throws IOException {
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(450)
                .title("Latency by percentile")
                .xAxisTitle("percentile (1 / (1 - p): 10 = p90, 100 = p99, 1000 = p99.9)")
                .yAxisTitle("milliseconds")
                .build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        PhaseResult paced = r.latencyPhase();
        if (paced != null) {
            addPercentiles(chart, "pipeline API, " + paced.name(), paced.api().latencyMicros());
            addPercentiles(chart, "accept -> SMTP DATA, " + paced.name(), paced.endToEndMicros());
            addPercentiles(
                    chart,
                    "DATA -> SENT shown, " + paced.name(),
                    paced.visibility().dataToVisibleMicros());
            BaselineResult b = r.baselines().stream()
                    .filter(x -> x.name().equals(paced.name()))
                    .findFirst()
                    .orElse(null);
            if (b != null) {
                addPercentiles(chart, "baseline API, " + b.name(), b.api().latencyMicros());
            }
        }
        r.phases().stream()
                .filter(p -> p.name().startsWith(RunResults.STEP))
                .forEach(p -> addPercentiles(
                        chart, "pipeline API, " + p.name(), p.api().latencyMicros()));
        BitmapEncoder.saveBitmap(chart, dir.resolve("latency").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void addPercentiles(XYChart chart, String name, Histogram h) {
        if (h.getTotalCount() == 0) {
            return;
        }
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (HistogramIterationValue v : h.percentiles(5)) {
            double p = v.getPercentileLevelIteratedTo() / 100.0;
            if (p >= 0.99999) {
                break;
            }
            x.add(1 / (1 - p));
            y.add(Math.max(0.01, v.getValueIteratedTo() / 1000.0));
        }
        if (!x.isEmpty()) {
            chart.addSeries(name, x, y).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        }
    }

    /**
     * The reason the architecture exists, in one plot: API p99 (left axis, bars) and delivered/s (right
     * axis, lines) of the pipeline and the baseline, without and with the sink's DATA delay.
     */
    private void providerLatencyChart() throws IOException {
        PhaseResult plain = r.phase(RunResults.OPEN) != null ? r.phase(RunResults.OPEN) : r.phase(RunResults.CLOSED);
        PhaseResult delayed = r.phase(RunResults.DELAYED);
        if (plain == null || delayed == null) {
            return;
        }
        BaselineResult plainBaseline = r.baselines().stream()
                .filter(b -> b.name().equals(plain.name()))
                .findFirst()
                .orElse(null);
        BaselineResult delayedBaseline = r.baseline(RunResults.DELAYED);
        List<String> x =
                List.of("sink answers at once", "sink answers DATA after " + delayed.smtpDelayMillis() + " ms");
        CategoryChart chart = new CategoryChartBuilder()
                .width(900)
                .height(450)
                .title("Pipeline and synchronous baseline, "
                        + (plain.openLoop() ? "open loop at " + plain.offeredRate() + "/s" : "closed loop"))
                .yAxisTitle("API p99, ms")
                .build();
        chart.setYAxisGroupTitle(1, "delivered per second");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.addSeries(
                "pipeline API p99 (ms)",
                x,
                List.of(p(plain.api().latencyMicros(), 99), p(delayed.api().latencyMicros(), 99)));
        if (plainBaseline != null && delayedBaseline != null) {
            chart.addSeries(
                    "baseline API p99 (ms)",
                    x,
                    List.of(
                            p(plainBaseline.api().latencyMicros(), 99),
                            p(delayedBaseline.api().latencyMicros(), 99)));
        }
        chart.addSeries(
                        "pipeline delivered/s while loading",
                        x,
                        List.of(
                                zeroIfNaN(plain.deliveredPerSecondWhileLoading()),
                                zeroIfNaN(delayed.deliveredPerSecondWhileLoading())))
                .setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line)
                .setYAxisGroup(1);
        if (plainBaseline != null && delayedBaseline != null) {
            chart.addSeries(
                            "baseline delivered/s",
                            x,
                            List.of(
                                    plainBaseline.api().throughput(),
                                    delayedBaseline.api().throughput()))
                    .setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line)
                    .setYAxisGroup(1);
        }
        BitmapEncoder.saveBitmap(chart, dir.resolve("provider-latency").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static double zeroIfNaN(double value) {
        return Double.isFinite(value) ? value : 0;
    }
}
