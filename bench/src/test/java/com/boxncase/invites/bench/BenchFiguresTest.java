package com.boxncase.invites.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchFiguresTest {

    @Test
    void ceilingIsOneOverTheSumOfPerInviteCosts() {
        Ceiling ceiling = new Ceiling(List.of(
                new Ceiling.Component("smtp", "", 1000, 1.0, 1), // 1000 µs per invite
                new Ceiling.Component("kafka", "", 4000, 1.0, 4), // 1000 µs per invite
                new Ceiling.Component("render", "", 2000, 1.0, 1))); // 500 µs per invite

        assertThat(ceiling.microsPerInvite()).isCloseTo(2500, within(1e-6));
        assertThat(ceiling.invitesPerSecond()).isCloseTo(400, within(1e-6));
        assertThat(ceiling.share(ceiling.components().get(2))).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void sustainedRateIgnoresTheFirstAndLastTenthOfArrivals() {
        long[] arrivals = new long[101];
        for (int i = 0; i < arrivals.length; i++) {
            arrivals[i] = i * 10_000_000L; // one every 10 ms
        }
        arrivals[100] = 60_000_000_000L; // a straggler a minute later does not count

        assertThat(Timeline.sustainedRate(arrivals)).isCloseTo(100, within(0.001));
    }

    @Test
    void cpuSecondsAreUtimePlusStimeEvenWhenTheCommandHasSpaces() {
        String stat = "4242 (java main) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 30 0 1 2 3";

        assertThat(ProcStats.cpuSeconds(stat)).isEqualTo(3.25);
        assertThat(ProcStats.kb("Name:\tjava\nVmHWM:\t  524288 kB\nVmRSS:\t 1000 kB\n", "VmHWM:"))
                .isEqualTo(524288);
    }

    @Test
    void optionsNeedTheSinkPortWhenTargetingARunningApi() {
        assertThatThrownBy(() -> BenchOptions.parse(
                        List.of("--api-url", "http://localhost:8080", "--no-ceilings"), Path.of(".")))
                .hasMessageContaining("--smtp-port");

        BenchOptions options = BenchOptions.parse(List.of("--invites", "10_000", "--stores", "1"), Path.of("."));
        assertThat(options.invites()).isEqualTo(10_000);
        assertThat(options.startsStack()).isTrue();
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
}
