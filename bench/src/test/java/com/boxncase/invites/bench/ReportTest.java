package com.boxncase.invites.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void theOpenLoopRunsAtAShareOfWhatTheClosedLoopDeliveredFromItsFirstRequestToItsLastDelivery() {
        // accepted 1000 in 2 s (500/s), the last email 8 s later: 100/s sustained, whatever arrived while loading
        PhaseResult closed = PhaseFixtures.phase(RunResults.CLOSED, 0, 1000, 2, 20, 8, 5_000, 1);

        assertThat(closed.deliveredPerSecondOverall()).isEqualTo(100);
        assertThat(Bench.autoRate(closed, 0.8)).isEqualTo(80);
    }

    @Test
    void theSummaryJudgesEachTargetOnTheRightPhase() {
        // closed loop: 700/s while loading, 3 processes x 0.5 s for 1000 invites = 1.5 ms per invite
        PhaseResult closed = PhaseFixtures.phase(RunResults.CLOSED, 0, 1000, 1.4, 700, 0.2, 80_000, 0.5);
        // open loop: API p99 5 ms, accept -> DATA 50 ms
        PhaseResult open = PhaseFixtures.phase(RunResults.OPEN + " at 560/s", 560, 1000, 1.8, 560, 0.1, 5_000, 0.6);
        RunResults run = new RunResults(
                BenchOptions.parse(List.of("--smtp-delay", "0"), Path.of(".")),
                "now",
                "2 cores",
                2000,
                List.of(closed, open),
                List.of(),
                null,
                0,
                0,
                null,
                List.of(),
                Map.of());

        List<Report.Target> targets = new Report(run, Path.of(".")).targets();

        assertThat(target(targets, "delivered/s while the load runs").met()).isTrue();
        assertThat(target(targets, "CPU per invite").measured()).startsWith("1.50 ms");
        assertThat(target(targets, "CPU per invite").met()).isTrue();
        assertThat(target(targets, "MongoDB documents written").measured()).startsWith("4.00");
        assertThat(target(targets, "Kafka records").met()).isTrue();
        assertThat(target(targets, "API p99").figure()).contains("open loop");
        assertThat(target(targets, "API p99").met())
                .as("5 ms in the open loop, not 80 ms in the closed")
                .isTrue();
        assertThat(target(targets, "SMTP DATA -> SENT").met()).isTrue();
        assertThat(new Report(run, Path.of(".")).summary()).contains("MET", "load generator 0.30 ms");
    }

    private static Report.Target target(List<Report.Target> targets, String figure) {
        return targets.stream()
                .filter(t -> t.figure().startsWith(figure))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no target " + figure + " in " + targets));
    }
}
