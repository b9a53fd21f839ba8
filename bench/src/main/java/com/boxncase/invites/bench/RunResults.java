package com.boxncase.invites.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, for the report.
 *
 * @param warmUp the rounds run before the phases
 * @param phases the pipeline phases in the order they ran (closed loop, open loop, load steps, with the SMTP delay)
 * @param baselines the synchronous baseline's phases, one per pipeline phase it mirrors
 * @param peakRssKb process -> peak resident memory over its life ({@code VmHWM})
 */
record RunResults(
        BenchOptions options,
        String startedAt,
        String machine,
        WarmUp warmUp,
        List<PhaseResult> phases,
        List<BaselineResult> baselines,
        HttpLoad.Result list,
        long listStoreInvites,
        long collectionInvites,
        Ceiling ceiling,
        List<JfrProfile.Summary> profiles,
        Map<String, Long> peakRssKb) {

    static final String CLOSED = "closed loop";
    static final String OPEN = "open loop";
    static final String DELAYED = "SMTP delay";
    /** Open loops at other shares of the maximum ({@code --rate-steps}), for the latency by offered load. */
    static final String STEP = "load step";

    /** The phase the throughput targets are read from: the closed loop (the maximum), else the first phase. */
    PhaseResult throughputPhase() {
        return phase(CLOSED) != null ? phase(CLOSED) : phases.isEmpty() ? null : phases.get(0);
    }

    /** The phase the latency targets are read from: the open loop, else the closed loop. */
    PhaseResult latencyPhase() {
        return phase(OPEN) != null ? phase(OPEN) : throughputPhase();
    }

    /** The open loops at the target's share and at each load step, by offered rate. */
    List<PhaseResult> openLoopsByRate() {
        return phases.stream()
                .filter(p -> p.name().startsWith(OPEN) || p.name().startsWith(STEP))
                .sorted(Comparator.comparingInt(PhaseResult::offeredRate))
                .toList();
    }

    PhaseResult phase(String prefix) {
        return phases.stream()
                .filter(p -> p.name().startsWith(prefix))
                .findFirst()
                .orElse(null);
    }

    BaselineResult baseline(String prefix) {
        return baselines.stream()
                .filter(b -> b.name().startsWith(prefix))
                .findFirst()
                .orElse(null);
    }
}
