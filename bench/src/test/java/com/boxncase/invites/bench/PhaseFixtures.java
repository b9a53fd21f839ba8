package com.boxncase.invites.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Phases of a made-up run, for the report's and the rate's arithmetic. */
final class PhaseFixtures {

    private PhaseFixtures() {}

    static HttpLoad.Result load(long ok, double seconds, long latencyMicros) {
        Histogram latency = new Histogram(3);
        for (int i = 0; i < ok; i++) {
            latency.recordValue(latencyMicros);
        }
        return new HttpLoad.Result(ok, ok, latency, Map.of(), 0, (long) (seconds * 1e9), new Timeline(0));
    }

    /**
     * A phase of {@code delivered} invites, accepted over {@code seconds}, delivered {@code whileLoading} per
     * second during the load and drained in {@code drain} seconds, each process spending {@code cpuSeconds}.
     */
    static PhaseResult phase(
            String name,
            int rate,
            long delivered,
            double seconds,
            double whileLoading,
            double drain,
            long apiMicros,
            double cpuSecondsPerProcess) {
        return phase(name, rate, 0, delivered, seconds, whileLoading, drain, apiMicros, cpuSecondsPerProcess);
    }

    static PhaseResult phase(
            String name,
            int rate,
            long smtpDelayMillis,
            long delivered,
            double seconds,
            double whileLoading,
            double drain,
            long apiMicros,
            double cpuSecondsPerProcess) {
        Histogram endToEnd = new Histogram(3);
        Histogram visible = new Histogram(3);
        for (int i = 0; i < delivered; i++) {
            endToEnd.recordValue(apiMicros * 10);
            visible.recordValue(200_000);
        }
        Map<String, ThreadCpu.Usage> cpu = new LinkedHashMap<>();
        for (String process : PhaseResult.STACK) {
            // a fifth of each process's CPU is the JIT compiling, as in a run shortly after warm-up
            cpu.put(
                    process,
                    new ThreadCpu.Usage(
                            cpuSecondsPerProcess,
                            Map.of(
                                    "worker-N",
                                    cpuSecondsPerProcess * 0.8,
                                    "C2 CompilerThreadN",
                                    cpuSecondsPerProcess * 0.2)));
        }
        cpu.put(PhaseResult.BENCH, new ThreadCpu.Usage(0.5, Map.of("load-http", 0.3, "bench-sink", 0.2)));
        return new PhaseResult(
                name,
                rate,
                smtpDelayMillis,
                load(delivered, seconds, apiMicros),
                delivered,
                delivered,
                0,
                0,
                0,
                whileLoading,
                drain,
                0,
                endToEnd,
                new long[0],
                new VisibilityProbe.Result(visible, delivered, 0, delivered * 3),
                cpu,
                Map.of(
                        "invite-api",
                        Map.of("insert invites", delivered),
                        "notifier-worker",
                        Map.of("update invites", delivered)),
                new MongoServerStatus.Documents(delivered, 3 * delivered, 0, 4 * delivered),
                Map.of("invites.notify", delivered, "invites.delivery-status", delivered),
                2);
    }
}
