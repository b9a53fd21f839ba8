package com.boxncase.invites.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One pipeline phase: the load, the deliveries it caused, and what every process spent on them between the
 * first request and the last delivery.
 *
 * @param name e.g. {@code closed loop}
 * @param offeredRate requests per second offered (open loop), 0 for closed loop
 * @param smtpDelayMillis the sink's DATA delay during the phase
 * @param api the load: latency of each POST (from its intended start when open loop)
 * @param delivered invites of this phase that reached the sink
 * @param deliveredPerSecondWhileLoading deliveries per second while the load ran (after its first tenth)
 * @param drainSeconds from the last 201 to the last delivery
 * @param deliveredAfterLoad deliveries after the last 201 (the drain)
 * @param endToEndMicros 201 -> DATA complete at the sink, per invite
 * @param deliveredPerSecond deliveries in each second since the load started
 * @param visibility sink DATA -> SENT shown by {@code GET .../invites/{id}}, for a sample
 * @param cpu process -> its CPU over the phase, by thread group
 * @param mongoCommands service -> {@code "command collection"} -> commands sent during the phase
 * @param mongoDocuments documents the MongoDB server inserted, updated, deleted and examined in the phase
 * @param kafkaRecords topic -> records written during the phase
 * @param smtpConnections connections opened to the sink during the phase
 */
record PhaseResult(
        String name,
        int offeredRate,
        long smtpDelayMillis,
        HttpLoad.Result api,
        long accepted,
        long delivered,
        long undelivered,
        long duplicates,
        long unknownDeliveries,
        double deliveredPerSecondWhileLoading,
        double drainSeconds,
        long deliveredAfterLoad,
        Histogram endToEndMicros,
        long[] deliveredPerSecond,
        VisibilityProbe.Result visibility,
        Map<String, ThreadCpu.Usage> cpu,
        Map<String, Map<String, Long>> mongoCommands,
        MongoServerStatus.Documents mongoDocuments,
        Map<String, Long> kafkaRecords,
        long smtpConnections) {

    /** The processes the bench starts for the pipeline; the bench's own JVM is reported apart. */
    static final List<String> STACK = List.of("invite-api", "notifier-worker", "local-stack");

    static final String BENCH = "bench";

    /** CPU milliseconds per delivered invite of one process; NaN when it was not measured. */
    double cpuMillisPerInvite(String process) {
        ThreadCpu.Usage usage = cpu.get(process);
        return usage == null || delivered == 0 ? Double.NaN : usage.processSeconds() * 1000 / delivered;
    }

    /** invite-api + notifier-worker + local-stack, per delivered invite. */
    double stackCpuMillisPerInvite() {
        if (delivered == 0 || !cpu.keySet().containsAll(STACK)) {
            return Double.NaN;
        }
        return STACK.stream().mapToDouble(this::cpuMillisPerInvite).sum();
    }

    /**
     * The JIT compilers' share of {@link #stackCpuMillisPerInvite()}: it falls towards zero as the services reach
     * steady state, so a short run's figure carries compilation a long-running service no longer pays.
     */
    double stackJitMillisPerInvite() {
        if (delivered == 0) {
            return Double.NaN;
        }
        return STACK.stream()
                        .map(cpu::get)
                        .filter(usage -> usage != null)
                        .mapToDouble(usage -> usage.seconds(ThreadCpu.Category.JIT))
                        .sum()
                * 1000
                / delivered;
    }

    /** Per process, its CPU per invite split by role (application, MongoDB-wire server, JIT, GC, ...). */
    Map<String, Map<String, Double>> cpuMillisPerInviteByRole() {
        Map<String, Map<String, Double>> roles = new LinkedHashMap<>();
        cpu.forEach((process, usage) -> {
            Map<String, Double> byRole = new LinkedHashMap<>();
            usage.byGroup()
                    .forEach((group, seconds) -> byRole.merge(
                            Roles.of(process, group), seconds * 1000 / Math.max(1, delivered), Double::sum));
            roles.put(process, byRole);
        });
        return roles;
    }

    /** Commands per delivered invite, summed over the services. */
    double mongoCommandsPerInvite() {
        long total = mongoCommands.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToLong(Long::longValue)
                .sum();
        return delivered == 0 ? Double.NaN : total / (double) delivered;
    }

    double perInvite(long count) {
        return count < 0 || delivered == 0 ? Double.NaN : count / (double) delivered;
    }

    double kafkaRecordsPerInvite() {
        return perInvite(
                kafkaRecords.values().stream().mapToLong(Long::longValue).sum());
    }

    /**
     * Deliveries per second from the first request to the last delivery: what the pipeline sustained while
     * it had work queued, the drain included. Short loads are mostly start-up and drain, where the rate while
     * loading says little.
     */
    double deliveredPerSecondOverall() {
        double seconds = api.seconds() + drainSeconds;
        return seconds <= 0 ? Double.NaN : delivered / seconds;
    }

    /** Whether the load was paced (open loop), so its latencies are the targets' latencies. */
    boolean openLoop() {
        return offeredRate > 0;
    }

    /** What a thread group of a process does, for the per-process table. */
    static final class Roles {

        static final String APPLICATION = "application threads";
        static final String MONGO = "MongoDB-wire server";
        static final String KAFKA = "Kafka broker (and other threads)";
        static final String JIT = "JIT compiler";
        static final String GC = "GC and safepoints";
        static final String ENDED = "threads that ended";
        static final String LOAD = "load generator (HTTP client)";
        static final String SINK = "SMTP sink";
        static final String PROBE = "visibility probe";
        static final String OTHER = "other";

        private Roles() {}

        static String of(String process, String group) {
            if (group.equals(ThreadCpu.EXITED)) {
                return ENDED;
            }
            switch (ThreadCpu.Category.of(group)) {
                case JIT -> {
                    return JIT;
                }
                case GC -> {
                    return GC;
                }
                default -> {
                    // the application's own threads, below
                }
            }
            if (process.equals("local-stack")) {
                return Components.mongoThread(group) ? MONGO : KAFKA;
            }
            if (process.equals(BENCH)) {
                if (group.startsWith("load-http") || group.startsWith("HttpClient-")) {
                    return LOAD;
                }
                if (group.startsWith("bench-sink")) {
                    return SINK;
                }
                if (group.startsWith("probe-")) {
                    return PROBE;
                }
                return OTHER;
            }
            return APPLICATION;
        }
    }
}
