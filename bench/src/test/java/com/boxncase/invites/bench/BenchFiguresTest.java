package com.boxncase.invites.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchFiguresTest {

    @Test
    void theCeilingIsTheCoresOverTheCpuOfEachDesignsWork() {
        Ceiling ceiling = new Ceiling(
                List.of(
                        // 100 µs client per op
                        new Ceiling.Component("http", "", 1000, 0.1, 0, null, true),
                        // 20 µs client + 80 µs server per op
                        new Ceiling.Component("kafka", "", 1000, 0.02, 0.08, "Kafka broker", true),
                        // 50 µs client + 50 µs server per document
                        new Ceiling.Component("mongo-bulk-update", "", 1000, 0.05, 0.05, "MongoDB-wire server", true),
                        new Ceiling.Component("smtp", "", 1000, 0.3, 0, null, true)),
                2);

        // pipeline budget: http 1 + kafka 3 + bulk update 3 + smtp 1 = 100 + 300 + 300 + 300 µs
        assertThat(ceiling.microsPerInvite(Ceiling.PIPELINE_BUDGET)).isCloseTo(1000, within(1e-6));
        assertThat(ceiling.invitesPerSecond(Ceiling.PIPELINE_BUDGET)).isCloseTo(2000, within(1e-6));
        assertThat(ceiling.microsPerInvite(Ceiling.PIPELINE_BUDGET, "Kafka broker"))
                .isCloseTo(240, within(1e-6));
        assertThat(ceiling.microsPerInvite(Ceiling.PIPELINE_BUDGET, "MongoDB-wire server"))
                .isCloseTo(150, within(1e-6));
        assertThat(ceiling.microsPerInvite(Ceiling.PIPELINE_BUDGET, null)).isCloseTo(610, within(1e-6));
        // the baseline does http + smtp here (no Kafka, no updates): 400 µs on 2 cores
        assertThat(ceiling.invitesPerSecond(Ceiling.BASELINE_WORK)).isCloseTo(5000, within(1e-6));
    }

    @Test
    void deliveredWhileLoadingCountsArrivalsFromTheFirstTenthOfTheLoadToItsLastAccept() {
        long second = 1_000_000_000L;
        long[] arrivals = new long[201];
        for (int i = 0; i < 200; i++) {
            arrivals[i] = i * second / 20; // 20 per second for 10 s
        }
        arrivals[200] = 60 * second; // the drain does not count
        long loadStart = 0;
        long loadEnd = 10 * second - 1;

        assertThat(Timeline.rateBetween(arrivals, loadStart + (loadEnd - loadStart) / 10, loadEnd))
                .isCloseTo(20, within(0.1));
        assertThat(arrivals.length - Timeline.countUpTo(arrivals, loadEnd)).isEqualTo(1);
        assertThat(Timeline.countUpTo(new long[] {5, 5, 5, 7}, 5)).isEqualTo(3);
        assertThat(Timeline.rateBetween(arrivals, 0, second / 2))
                .as("under a second")
                .isNaN();
    }

    @Test
    void threadCpuFoldsPoolsTogetherAndKeepsTheCpuOfThreadsThatEnded() {
        ThreadCpu.Snapshot before = new ThreadCpu.Snapshot(
                1,
                1000,
                Map.of(10L, 100L, 11L, 200L, 12L, 300L),
                Map.of(10L, "http-nio-8080-exec-1", 11L, "http-nio-8080-exec-2", 12L, "worker-gone"));
        ThreadCpu.Snapshot after = new ThreadCpu.Snapshot(
                1,
                1500, // +500 ticks for the process
                Map.of(10L, 250L, 11L, 300L, 13L, 50L), // +150, +100, new +50; thread 12 ended
                Map.of(10L, "http-nio-8080-exec-1", 11L, "http-nio-8080-exec-2", 13L, "C2 CompilerThread0"));

        ThreadCpu.Usage usage = ThreadCpu.between(before, after);

        assertThat(usage.processSeconds()).isEqualTo(5.0);
        assertThat(usage.byGroup())
                .containsEntry("http-nio-N-exec-N", 2.5)
                .containsEntry("C2 CompilerThreadN", 0.5)
                .containsEntry(ThreadCpu.EXITED, 2.0);
        assertThat(usage.seconds(ThreadCpu.Category.JIT)).isEqualTo(0.5);
        assertThat(ThreadCpu.Category.of(ThreadCpu.group("G1 Conc#0"))).isEqualTo(ThreadCpu.Category.GC);
        assertThat(ThreadCpu.group("kafka-producer-network-thread | producer-12"))
                .isEqualTo("kafka-producer-network-thread | producer-N");
    }

    @Test
    void aJcmdThreadDumpNamesEachThreadByItsNativeId() {
        Map<Long, String> names = ThreadCpu.parseJcmd(List.of(
                "\"http-nio-8080-exec-1\" #42 daemon prio=5 os_prio=0 cpu=120.5ms elapsed=10s tid=0x00007f nid=0x1a2b"
                        + " waiting on condition  [0x00007f]",
                "\"GC Thread#0\" os_prio=0 cpu=10.0ms elapsed=10s tid=0x00007f nid=0x10 runnable",
                "   java.lang.Thread.State: RUNNABLE"));

        assertThat(names).containsEntry(0x1a2bL, "http-nio-8080-exec-1").containsEntry(0x10L, "GC Thread#0");
        assertThat(ThreadCpu.ticks("4242 (java main) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20"))
                .isEqualTo(325);
    }

    @Test
    void rolesSplitLocalStackIntoMongoDbAndKafkaAndTheBenchIntoLoadAndSink() {
        assertThat(PhaseResult.Roles.of("local-stack", "mongo-server-worker-N")).isEqualTo(PhaseResult.Roles.MONGO);
        assertThat(PhaseResult.Roles.of("local-stack", "data-plane-kafka-request-handler-N"))
                .isEqualTo(PhaseResult.Roles.KAFKA);
        assertThat(PhaseResult.Roles.of("local-stack", "C1 CompilerThreadN")).isEqualTo(PhaseResult.Roles.JIT);
        assertThat(PhaseResult.Roles.of("invite-api", "G1 Conc#N")).isEqualTo(PhaseResult.Roles.GC);
        assertThat(PhaseResult.Roles.of("invite-api", "http-nio-N-exec-N")).isEqualTo(PhaseResult.Roles.APPLICATION);
        assertThat(PhaseResult.Roles.of("bench", "load-http")).isEqualTo(PhaseResult.Roles.LOAD);
        assertThat(PhaseResult.Roles.of("bench", "bench-sink")).isEqualTo(PhaseResult.Roles.SINK);
        assertThat(PhaseResult.Roles.of("bench", "probe-http")).isEqualTo(PhaseResult.Roles.PROBE);
        assertThat(PhaseResult.Roles.of("notifier-worker", ThreadCpu.EXITED)).isEqualTo(PhaseResult.Roles.ENDED);
    }

    @Test
    void cpuSecondsAreUtimePlusStimeEvenWhenTheCommandHasSpaces() {
        String stat = "4242 (java main) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 30 0 1 2 3";

        assertThat(ProcStats.cpuSeconds(stat)).isEqualTo(3.25);
        assertThat(ProcStats.kb("Name:\tjava\nVmHWM:\t  524288 kB\nVmRSS:\t 1000 kB\n", "VmHWM:"))
                .isEqualTo(524288);
    }

    @Test
    void jfrSummaryCountsTopFramesAndTheFirstFrameInOurCode() {
        List<String> lines = List.of(
                "jdk.ExecutionSample {",
                "  sampledThread = \"http-nio-1-exec-12\" (javaThreadId = 52)",
                "  stackTrace = [",
                "    java.util.HashMap.get(Object) line: 1",
                "    com.boxncase.invites.api.invite.InviteService.create(String) line: 40",
                "    ...",
                "  ]",
                "}");

        JfrProfile.Summary summary = JfrProfile.summarise("invite-api", lines);

        assertThat(summary.samples()).isEqualTo(1);
        assertThat(summary.topFrames()).containsEntry("java.util.HashMap.get(Object)", 1);
        assertThat(summary.ourFrames())
                .containsEntry("com.boxncase.invites.api.invite.InviteService.create(String)", 1);
        assertThat(summary.threads()).containsEntry("http-nio-N-exec-N", 1);
    }

    @Test
    void localStackGetsHeapForEveryInviteOfTheRunInMemory() {
        assertThat(StackProcesses.localStackHeapMb(2_500, 1_000)).isEqualTo(768);
        assertThat(StackProcesses.localStackHeapMb(260_000, 0))
                .as("a 100,000-invite run after the full warm-up: 3 GB was too little")
                .isBetween(4_500, 4_600);
        assertThat(StackProcesses.localStackHeapMb(10_000_000, 0)).isEqualTo(16 * 1024);
    }
}
