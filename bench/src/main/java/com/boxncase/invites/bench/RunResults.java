package com.boxncase.invites.bench;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Everything one run measured, for the report. */
record RunResults(
        BenchOptions options,
        String startedAt,
        String machine,
        HttpLoad.Result api,
        long accepted,
        long delivered,
        long undelivered,
        long duplicates,
        long unknownDeliveries,
        double deliveredPerSecondSustained,
        double drainSeconds,
        Histogram endToEndMicros,
        long[] deliveredPerSecond,
        long smtpConnections,
        double invitesPerSmtpConnection,
        Map<String, Long> kafkaMessagesByTopic,
        double kafkaMessagesPerInvite,
        Map<String, ProcessUse> processes,
        HttpLoad.Result list,
        long listStoreInvites,
        long collectionInvites,
        Ceiling ceiling,
        HttpLoad.Result baseline,
        List<JfrProfile.Summary> profiles,
        Map<String, Double> mongoCommandsPerInvite) {

    /** CPU and memory of one process: CPU seconds during the measured load, peak RSS over its life. */
    record ProcessUse(long pid, double cpuSecondsDuringLoad, double cpuSecondsTotal, long peakRssKb, boolean ours) {}

    double servicesCpuMillisPerInvite() {
        double cpu = processes.values().stream()
                .filter(ProcessUse::ours)
                .mapToDouble(ProcessUse::cpuSecondsDuringLoad)
                .sum();
        return delivered == 0 ? Double.NaN : cpu * 1000 / delivered;
    }

    /** MongoDB round trips per delivered invite, summed over the services that reported them. */
    double mongoCommandsPerInviteTotal() {
        return mongoCommandsPerInvite.values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
    }

    double ratioToCeiling() {
        return ceiling == null ? Double.NaN : deliveredPerSecondSustained / ceiling.invitesPerSecond();
    }
}
