package com.boxncase.invites.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes report.md, report.json, summary.txt, throughput.png and latency.png for one run. */
final class Report {

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
        Path md = dir.resolve("report.md");
        Files.writeString(md, markdown());
        return md;
    }

    // ---- figures --------------------------------------------------------------------------------------

    static Map<String, Object> percentiles(Histogram micros) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("count", micros.getTotalCount());
        p.put("p50_ms", ms(micros.getValueAtPercentile(50)));
        p.put("p90_ms", ms(micros.getValueAtPercentile(90)));
        p.put("p99_ms", ms(micros.getValueAtPercentile(99)));
        p.put("p99_9_ms", ms(micros.getValueAtPercentile(99.9)));
        p.put("max_ms", ms(micros.getMaxValue()));
        return p;
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    private Map<String, Object> model() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("startedAt", r.startedAt());
        m.put("machine", r.machine());
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("invites", r.options().invites());
        opts.put("stores", r.options().stores());
        opts.put("concurrency", r.options().concurrency());
        opts.put("rate", r.options().rate());
        opts.put("warmup", r.options().warmup());
        opts.put(
                "target",
                r.options().startsStack()
                        ? "local stack started by the bench"
                        : r.options().apiUrl());
        m.put("options", opts);
        Map<String, Object> pipeline = new LinkedHashMap<>();
        pipeline.put("accepted", r.accepted());
        pipeline.put("acceptedPerSecond", round(r.api().throughput()));
        pipeline.put("delivered", r.delivered());
        pipeline.put("deliveredPerSecondSustained", round(r.deliveredPerSecondSustained()));
        pipeline.put("drainSecondsAfterLastAccept", round(r.drainSeconds()));
        pipeline.put("apiLatency", percentiles(r.api().latencyMicros()));
        pipeline.put("acceptToSmtpData", percentiles(r.endToEndMicros()));
        pipeline.put("errors", r.api().errors());
        pipeline.put("undelivered", r.undelivered());
        pipeline.put("duplicateDeliveries", r.duplicates());
        pipeline.put("deliveriesOfUnknownInvites", r.unknownDeliveries());
        pipeline.put("smtpConnections", r.smtpConnections());
        pipeline.put("invitesPerSmtpConnection", round(r.invitesPerSmtpConnection()));
        pipeline.put("kafkaRecordsByTopic", r.kafkaMessagesByTopic());
        pipeline.put("kafkaRecordsPerInvite", round(r.kafkaMessagesPerInvite()));
        pipeline.put("servicesCpuMillisPerInvite", round(r.servicesCpuMillisPerInvite()));
        pipeline.put("acceptedPerSecondTimeline", r.api().timeline().counts());
        pipeline.put("deliveredPerSecondTimeline", r.deliveredPerSecond());
        m.put("pipeline", pipeline);
        Map<String, Object> procs = new LinkedHashMap<>();
        r.processes().forEach((name, use) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("pid", use.pid());
            p.put("cpuSecondsDuringLoad", round(use.cpuSecondsDuringLoad()));
            p.put("cpuSecondsTotal", round(use.cpuSecondsTotal()));
            p.put("peakRssMb", use.peakRssKb() / 1024);
            procs.put(name, p);
        });
        m.put("processes", procs);
        if (r.list() != null) {
            Map<String, Object> list = new LinkedHashMap<>();
            list.put("storeInvites", r.listStoreInvites());
            list.put("collectionInvites", r.collectionInvites());
            list.put("requestsPerSecond", round(r.list().throughput()));
            list.put("latency", percentiles(r.list().latencyMicros()));
            list.put("errors", r.list().errors());
            m.put("listEndpoint", list);
        }
        if (r.ceiling() != null) {
            Map<String, Object> ceiling = new LinkedHashMap<>();
            List<Map<String, Object>> components = new ArrayList<>();
            for (Ceiling.Component c : r.ceiling().components()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("name", c.name());
                cm.put("what", c.what());
                cm.put("operations", c.operations());
                cm.put("seconds", round(c.seconds()));
                cm.put("perSecond", round(c.perSecond()));
                cm.put("perInvite", round(c.perInvite()));
                cm.put("microsPerInvite", round(c.microsPerInvite()));
                components.add(cm);
            }
            ceiling.put("components", components);
            ceiling.put("microsPerInvite", round(r.ceiling().microsPerInvite()));
            ceiling.put("invitesPerSecond", round(r.ceiling().invitesPerSecond()));
            ceiling.put("pipelineOverCeiling", round(r.ratioToCeiling()));
            m.put("ceiling", ceiling);
        }
        if (r.baseline() != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("acceptedPerSecond", round(r.baseline().throughput()));
            b.put("latency", percentiles(r.baseline().latencyMicros()));
            b.put("errors", r.baseline().errors());
            m.put("syncEmailBaseline", b);
        }
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

    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 100) / 100.0 : -1;
    }

    // ---- text ---------------------------------------------------------------------------------------

    private String summary() {
        StringBuilder s = new StringBuilder();
        Histogram api = r.api().latencyMicros();
        Histogram e2e = r.endToEndMicros();
        s.append(f(
                "pipeline   accepted %.0f/s, delivered %.0f/s sustained, %d of %d delivered, %d duplicates%n",
                r.api().throughput(), r.deliveredPerSecondSustained(), r.delivered(), r.accepted(), r.duplicates()));
        s.append(f(
                "api        p50 %.1f ms  p99 %.1f ms  p99.9 %.1f ms   errors %s%n",
                ms(api.getValueAtPercentile(50)),
                ms(api.getValueAtPercentile(99)),
                ms(api.getValueAtPercentile(99.9)),
                r.api().errors()));
        s.append(f(
                "end-to-end p50 %.1f ms  p99 %.1f ms  p99.9 %.1f ms   (accept -> SMTP DATA complete)%n",
                ms(e2e.getValueAtPercentile(50)),
                ms(e2e.getValueAtPercentile(99)),
                ms(e2e.getValueAtPercentile(99.9))));
        s.append(f(
                "services   %.2f ms CPU per invite (invite-api + notifier-worker)%n", r.servicesCpuMillisPerInvite()));
        if (!r.mongoCommandsPerInvite().isEmpty()) {
            StringBuilder parts = new StringBuilder();
            r.mongoCommandsPerInvite()
                    .forEach((name, perInvite) -> parts.append(parts.length() == 0 ? "" : ", ")
                            .append(name)
                            .append(' ')
                            .append(f("%.1f", perInvite)));
            s.append(f(
                    "mongodb    %.1f round trips per invite (%s; driver command counts)%n",
                    r.mongoCommandsPerInviteTotal(), parts));
        }
        if (r.ceiling() != null) {
            s.append(f(
                    "ceiling    %.0f invites/s composed;  pipeline/ceiling = %.2f%n",
                    r.ceiling().invitesPerSecond(), r.ratioToCeiling()));
        }
        if (r.baseline() != null) {
            Histogram b = r.baseline().latencyMicros();
            s.append(f(
                    "baseline   sync email in request: %.0f/s, api p99 %.1f ms   vs pipeline %.0f/s, api p99 %.1f ms%n",
                    r.baseline().throughput(),
                    ms(b.getValueAtPercentile(99)),
                    r.api().throughput(),
                    ms(api.getValueAtPercentile(99))));
        }
        if (r.list() != null) {
            s.append(f(
                    "list       p99 %.1f ms for a store of %d invites (collection of %d; mongo-java-server scans)%n",
                    ms(r.list().latencyMicros().getValueAtPercentile(99)),
                    r.listStoreInvites(),
                    r.collectionInvites()));
        }
        return s.toString();
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        BenchOptions o = r.options();
        md.append("# Bench report ").append(r.startedAt()).append("\n\n");
        md.append(f(
                "`./bench/run --invites %d --stores %d --concurrency %d%s` on %s; target: %s.%n%n",
                o.invites(),
                o.stores(),
                o.concurrency(),
                o.rate() > 0 ? " --rate " + o.rate() : "",
                r.machine(),
                o.startsStack()
                        ? "local stack started by the bench (KRaft broker, mongo-java-server on H2, bench SMTP sink)"
                        : o.apiUrl()));
        md.append("```\n").append(summary()).append("```\n\n");

        md.append("## Pipeline\n\n| figure | value |\n|---|---|\n");
        row(
                md,
                "accepted (201)",
                f(
                        "%d of %d requests, %.0f/s over %.1f s",
                        r.accepted(),
                        r.api().requests(),
                        r.api().throughput(),
                        r.api().seconds()));
        row(
                md,
                "delivered (at the SMTP sink)",
                f(
                        "%d, **%.0f/s sustained** (10th..90th percentile of arrivals), last one %.1f s after the last accept",
                        r.delivered(), r.deliveredPerSecondSustained(), r.drainSeconds()));
        row(md, "API latency", pct(r.api().latencyMicros()));
        row(md, "accept -> SMTP DATA complete", pct(r.endToEndMicros()));
        row(
                md,
                "errors by class",
                r.api().errors().isEmpty() ? "none" : r.api().errors().toString());
        row(md, "undelivered / duplicate deliveries", r.undelivered() + " / **" + r.duplicates() + "**");
        row(
                md,
                "SMTP connections / invites per connection",
                f("%d / %.1f", r.smtpConnections(), r.invitesPerSmtpConnection()));
        row(md, "Kafka records per invite", f("%.2f %s", r.kafkaMessagesPerInvite(), r.kafkaMessagesByTopic()));
        row(
                md,
                "CPU of our services per invite",
                f(
                        "%.2f ms (invite-api + notifier-worker CPU during the load / delivered)",
                        r.servicesCpuMillisPerInvite()));
        md.append("\n![throughput](throughput.png)\n![latency](latency.png)\n\n");

        md.append(
                "## Processes\n\nCPU seconds from `/proc/<pid>/stat` (utime+stime) between the start of the load and the last delivery; peak RSS is `VmHWM` over the process's life.\n\n");
        md.append("| process | pid | CPU s during load | CPU s total | peak RSS MB |\n|---|---|---|---|---|\n");
        r.processes()
                .forEach((name, use) -> md.append(f(
                        "| %s | %d | %.2f | %.2f | %d |%n",
                        name, use.pid(), use.cpuSecondsDuringLoad(), use.cpuSecondsTotal(), use.peakRssKb() / 1024)));

        if (r.ceiling() != null) {
            Ceiling c = r.ceiling();
            md.append(
                    "\n## Ceiling\n\nEach component ran alone on this machine, as fast as it goes on all cores. Its cost per invite is "
                            + "`perInvite x seconds / operations`; the components share the same cores, so an invite costs at least the sum, "
                            + "and the ceiling is `1 / sum`. Kafka's `perInvite` is the number of records the pipeline actually wrote per invite "
                            + "in this run; MongoDB's is the budget of the issue (1 insert + 3 conditional updates = 4 round trips), "
                            + "not what the services do today.\n\n");
            md.append("| component | how | ops/s | per invite | µs per invite | share |\n|---|---|---|---|---|---|\n");
            for (Ceiling.Component comp : c.components()) {
                md.append(f(
                        "| %s | %s | %.0f | %.2f | %.0f | %.0f %% |%n",
                        comp.name(),
                        comp.what(),
                        comp.perSecond(),
                        comp.perInvite(),
                        comp.microsPerInvite(),
                        100 * c.share(comp)));
            }
            md.append(f(
                    "%n**Ceiling %.0f invites/s (%.0f µs per invite). Pipeline delivered %.0f/s sustained: pipeline/ceiling = %.2f.**%n",
                    c.invitesPerSecond(), c.microsPerInvite(), r.deliveredPerSecondSustained(), r.ratioToCeiling()));
        }
        if (r.baseline() != null) {
            Histogram b = r.baseline().latencyMicros();
            Histogram a = r.api().latencyMicros();
            md.append("\n## Baseline: email sent inside the HTTP request\n\n");
            md.append(
                    "A bench-only handler renders the same template and sends it to the same sink over a new SMTP connection per request "
                            + "before answering (no database, no Kafka). Same client, same concurrency. The bench sink answers at once; a real "
                            + "SMTP provider takes tens to hundreds of milliseconds per send, which this design adds to every request.\n\n");
            md.append("| design | accepted/s | API p50 | API p99 | API p99.9 | errors |\n|---|---|---|---|---|---|\n");
            md.append(f(
                    "| pipeline (API -> outbox -> Kafka -> notifier) | %.0f | %.1f ms | %.1f ms | %.1f ms | %s |%n",
                    r.api().throughput(),
                    ms(a.getValueAtPercentile(50)),
                    ms(a.getValueAtPercentile(99)),
                    ms(a.getValueAtPercentile(99.9)),
                    r.api().errors()));
            md.append(f(
                    "| synchronous email in the request | %.0f | %.1f ms | %.1f ms | %.1f ms | %s |%n",
                    r.baseline().throughput(),
                    ms(b.getValueAtPercentile(50)),
                    ms(b.getValueAtPercentile(99)),
                    ms(b.getValueAtPercentile(99.9)),
                    r.baseline().errors()));
        }
        if (r.list() != null) {
            md.append("\n## List endpoint\n\n");
            md.append(f(
                    "`GET /api/v1/stores/{store}/invites?status=ALL&limit=50`, %d requests, 4 in flight, on a store holding %d invites "
                            + "in a collection of %d: %s, %.0f requests/s, errors %s.%n%n",
                    r.list().requests(),
                    r.listStoreInvites(),
                    r.collectionInvites(),
                    pct(r.list().latencyMicros()),
                    r.list().throughput(),
                    r.list().errors()));
            md.append(
                    "mongo-java-server implements no secondary indexes: this query scans the whole collection, so its time grows with the "
                            + "collection, whatever the store holds. It measures the instrument, not the pipeline; on MongoDB the "
                            + "(storeId, status, createdAt) index answers it from the index.\n");
        }
        if (!r.profiles().isEmpty()) {
            md.append("\n## Where the CPU went (JFR execution samples during the load)\n");
            for (JfrProfile.Summary s : r.profiles()) {
                md.append(f("%n### %s (%d samples)%n%n", s.process(), s.samples()));
                md.append("Threads: ").append(s.threads()).append("\n\n");
                md.append("| top frame | samples |\n|---|---|\n");
                s.topFrames()
                        .forEach((frame, n) -> md.append("| `")
                                .append(frame)
                                .append("` | ")
                                .append(n)
                                .append(" |\n"));
                md.append("\n| first frame in com.boxncase | samples |\n|---|---|\n");
                s.ourFrames()
                        .forEach((frame, n) -> md.append("| `")
                                .append(frame)
                                .append("` | ")
                                .append(n)
                                .append(" |\n"));
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String pct(Histogram h) {
        return f(
                "p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms (n=%d)",
                ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)),
                ms(h.getMaxValue()),
                h.getTotalCount());
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    // ---- plots --------------------------------------------------------------------------------------

    private void throughputChart() throws IOException {
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(450)
                .title("Throughput over time")
                .xAxisTitle("seconds since the load started")
                .yAxisTitle("invites per second")
                .build();
        addPerSecond(chart, "accepted (HTTP 201)", r.api().timeline().counts());
        addPerSecond(chart, "delivered (SMTP DATA complete)", r.deliveredPerSecond());
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
        addPercentiles(chart, "pipeline API (POST /invites)", r.api().latencyMicros());
        addPercentiles(chart, "accept -> SMTP DATA complete", r.endToEndMicros());
        if (r.baseline() != null) {
            addPercentiles(
                    chart, "baseline: sync email in request", r.baseline().latencyMicros());
        }
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
}
