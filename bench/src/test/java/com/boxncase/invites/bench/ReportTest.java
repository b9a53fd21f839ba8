package com.boxncase.invites.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        RunResults run = phasesOnly(List.of("--smtp-delay", "0"), closed, open);

        List<Report.Target> targets = new Report(run, Path.of(".")).targets();

        assertThat(target(targets, "delivered/s while the load runs").met()).isTrue();
        assertThat(target(targets, "CPU per invite").measured())
                .startsWith("1.50 ms")
                .as("a fifth of it compiling")
                .endsWith("JIT compilers 0.30 of it)");
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

    @Test
    void loadStepsShowTheApiLatencyByOfferedRateWhileTheTargetsStayOnTheOpenLoop() {
        PhaseResult closed = PhaseFixtures.phase(RunResults.CLOSED, 0, 1000, 1.4, 700, 0.2, 80_000, 0.5);
        PhaseResult open = PhaseFixtures.phase(RunResults.OPEN + " at 560/s", 560, 1000, 1.8, 560, 0.1, 30_000, 0.6);
        PhaseResult half =
                PhaseFixtures.phase(RunResults.STEP + " at 350/s (50 %)", 350, 1000, 2.9, 350, 0.1, 9_000, 0.7);
        PhaseResult fifth =
                PhaseFixtures.phase(RunResults.STEP + " at 140/s (20 %)", 140, 1000, 7.1, 140, 0.1, 4_000, 1.5);
        RunResults run = phasesOnly(List.of("--smtp-delay", "0", "--rate-steps", "0.5,0.2"), closed, open, half, fifth);

        List<Report.Target> targets = new Report(run, Path.of(".")).targets();

        assertThat(target(targets, "API p99").figure()).contains("open loop at 560/s");
        assertThat(target(targets, "API p99").met()).as("30 ms at 560/s").isFalse();
        assertThat(target(targets, "API p50 / p99 by offered rate").measured())
                .as("slowest first, each with its own latency")
                .matches("140/s 4\\.0 / 4\\.0 ms; 350/s 9\\.0 / 9\\.0 ms; 560/s 30\\.0 / 30\\.0 ms");
        assertThat(target(targets, "CPU per invite").measured()).startsWith("1.50 ms");
    }

    @Test
    void aRunWithEveryPhaseWritesTheSummaryTheReportTheJsonAndThePlots(@TempDir Path dir) throws Exception {
        PhaseResult closed = PhaseFixtures.phase(RunResults.CLOSED, 0, 500, 2, 200, 1, 80_000, 0.5);
        PhaseResult open = PhaseFixtures.phase(RunResults.OPEN + " at 160/s", 160, 500, 3, 160, 0.1, 5_000, 0.6);
        PhaseResult delayed = PhaseFixtures.phase(
                RunResults.DELAYED + " 100 ms, open loop at 160/s", 160, 100, 200, 1.3, 150, 2, 6_000, 0.3);
        List<BaselineResult> baselines = List.of(
                new BaselineResult(RunResults.CLOSED, 0, 0, PhaseFixtures.load(500, 1, 50_000), 1.0, 0.5),
                new BaselineResult(open.name(), 160, 0, PhaseFixtures.load(500, 3, 9_000), 1.0, 0.5),
                new BaselineResult(delayed.name(), 160, 100, PhaseFixtures.load(200, 1.3, 120_000), 0.4, 0.2));
        Ceiling ceiling = new Ceiling(
                List.of(
                        new Ceiling.Component("http", "server", 1000, 0.1, 0, null, true),
                        new Ceiling.Component("kafka", "records", 1000, 0.02, 0.08, "Kafka broker", true),
                        new Ceiling.Component(
                                "mongo-insert", "inserts", 1000, 0.05, 0.05, "MongoDB-wire server", false)),
                2);
        RunResults run = new RunResults(
                BenchOptions.parse(List.of(), Path.of(".")),
                "now",
                "2 cores",
                new WarmUp(List.of(new WarmUp.Round(2000, 10, 9.5, 0.31), new WarmUp.Round(2000, 5, 4.1, 0.06)), true),
                List.of(closed, open, delayed),
                baselines,
                PhaseFixtures.load(200, 2, 3_000),
                10,
                1000,
                ceiling,
                List.of(new JfrProfile.Summary("invite-api", 1, Map.of("a()", 1), Map.of("b()", 1), Map.of("t", 1))),
                Map.of("invite-api", 400_000L));

        Path markdown = new Report(run, dir).write();

        assertThat(Files.readString(markdown))
                .contains(
                        "## Targets of issue 10",
                        "| baseline | " + delayed.name(),
                        "### Where the pipeline spends more",
                        "| 2 | 2000 | 400 | 4.10 ms | 6 % |");
        assertThat(Files.readString(dir.resolve("summary.txt")))
                .startsWith("2 cores, auto (closed loop, then open loop at 80 % of its maximum), "
                        + "4000 warm-up invites in 2 rounds, JIT 23 % of the last 2, 500 per phase")
                .contains("pipeline / baseline", "after 100 ms: pipeline / baseline", "6.0 ms / 120.1 ms");
        assertThat(Files.readString(dir.resolve("report.json"))).contains("\"phases\"", "\"syncBaseline\"");
        assertThat(dir.resolve("throughput.png")).isNotEmptyFile();
        assertThat(dir.resolve("latency.png")).isNotEmptyFile();
        assertThat(dir.resolve("provider-latency.png")).isNotEmptyFile();
    }

    /** A run of these pipeline phases alone: no warm-up, baseline, list endpoint, ceiling or profile. */
    private static RunResults phasesOnly(List<String> args, PhaseResult... phases) {
        return new RunResults(
                BenchOptions.parse(args, Path.of(".")),
                "now",
                "2 cores",
                WarmUp.NONE,
                List.of(phases),
                List.of(),
                null,
                0,
                0,
                null,
                List.of(),
                Map.of());
    }

    private static Report.Target target(List<Report.Target> targets, String figure) {
        return targets.stream()
                .filter(t -> t.figure().startsWith(figure))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no target " + figure + " in " + targets));
    }
}
