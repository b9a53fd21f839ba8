package com.boxncase.invites.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most invites per second this machine can take, composed from the CPU each piece of work costs when
 * done alone ({@link Components}): an invite needs {@code count} of each, every piece shares the same cores,
 * so one invite costs at least {@code sum(count x CPU per operation)} and the machine cannot do more than
 * {@code cores / sum} invites per second. Composed twice: for the pipeline's work within the budget
 * and for the synchronous baseline's work. A design measured above its own ceiling would mean a component
 * was measured doing more than the design does.
 */
record Ceiling(List<Component> components, int cores) {

    /**
     * The pipeline's work per invite within the targets of issue 10: one request (token verified, invite
     * inserted), at most 4 document writes (the insert and 3 updates by {@code _id}, in bulks), one batched
     * read by {@code _id $in}, at most 3 Kafka records (each produced and consumed), one render, one email.
     */
    static final Map<String, Double> PIPELINE_BUDGET = ordered(
            "http",
            1,
            "jwt",
            1,
            "mongo-insert",
            1,
            "mongo-bulk-update",
            3,
            "mongo-find-in",
            1,
            "kafka",
            3,
            "render",
            1,
            "smtp",
            1);

    /** What the synchronous baseline does per invite: request, token, insert, render, email. */
    static final Map<String, Double> BASELINE_WORK =
            ordered("http", 1, "jwt", 1, "mongo-insert", 1, "render", 1, "smtp", 1);

    /**
     * @param name e.g. {@code smtp}
     * @param what how it was measured
     * @param operations how many it did
     * @param clientCpuSeconds CPU of the threads doing it (what a service's threads spend on it)
     * @param serverCpuSeconds CPU of the server threads ({@code server}) serving it
     * @param server {@code MongoDB-wire server}, {@code Kafka broker}, or null for client-side work
     * @param serverMeasured whether the server's CPU could be read (the bench started local-stack)
     */
    record Component(
            String name,
            String what,
            long operations,
            double clientCpuSeconds,
            double serverCpuSeconds,
            String server,
            boolean serverMeasured) {

        double clientMicrosPerOp() {
            return operations == 0 ? Double.NaN : clientCpuSeconds / operations * 1e6;
        }

        double serverMicrosPerOp() {
            return operations == 0 ? Double.NaN : serverCpuSeconds / operations * 1e6;
        }

        double microsPerOp() {
            return clientMicrosPerOp() + serverMicrosPerOp();
        }
    }

    /** CPU microseconds per invite of {@code work} (component -> count per invite). */
    double microsPerInvite(Map<String, Double> work) {
        return components.stream()
                .mapToDouble(c -> work.getOrDefault(c.name(), 0.0) * c.microsPerOp())
                .sum();
    }

    /** Of that, what the server {@code server} spends; null: what the clients (the services) spend. */
    double microsPerInvite(Map<String, Double> work, String server) {
        return components.stream()
                .mapToDouble(c -> work.getOrDefault(c.name(), 0.0)
                        * (server == null
                                ? c.clientMicrosPerOp()
                                : server.equals(c.server()) ? c.serverMicrosPerOp() : 0))
                .sum();
    }

    double invitesPerSecond(Map<String, Double> work) {
        return cores * 1e6 / microsPerInvite(work);
    }

    private static Map<String, Double> ordered(Object... nameCount) {
        Map<String, Double> work = new LinkedHashMap<>();
        for (int i = 0; i < nameCount.length; i += 2) {
            work.put((String) nameCount[i], ((Number) nameCount[i + 1]).doubleValue());
        }
        return Collections.unmodifiableMap(work);
    }
}
