package com.boxncase.invites.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    private static BenchOptions parse(String... args) {
        return BenchOptions.parse(List.of(args), Path.of("."));
    }

    @Test
    void byDefaultTheMaximumIsMeasuredFirstThenTheLatenciesAtEightyPercentOfIt() {
        BenchOptions options = parse();

        assertThat(options.rate().auto()).isTrue();
        assertThat(options.rate().closedPhase()).isTrue();
        assertThat(options.rate().openPhase()).isTrue();
        assertThat(options.rate().fraction()).isEqualTo(0.8);
        assertThat(options.smtpDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(options.warmupRounds()).isEqualTo(80);
        assertThat(options.plannedPipelineInvites())
                .as("every warm-up round the run may need, for local-stack's in-memory MongoDB")
                .isEqualTo(80 * 2000 + 2 * 500 + 500);
    }

    @Test
    void profilingIsOptInBecauseJfrChangesWhatItMeasures() {
        assertThat(parse().profile()).isFalse();
        assertThat(parse("--profile").profile()).isTrue();
    }

    @Test
    void aFixedRateIsOpenLoopOnlyAndRateZeroClosedLoopOnly() {
        BenchOptions fixed = parse("--rate", "400", "--invites", "10_000", "--smtp-delay", "0");
        assertThat(fixed.rate().closedPhase()).isFalse();
        assertThat(fixed.rate().perSecond()).isEqualTo(400);
        assertThat(fixed.smtpDelay()).isZero();
        assertThat(fixed.plannedPipelineInvites()).isEqualTo(80 * 2000 + 10_000);
        assertThat(parse("--warmup", "3000", "--warmup-rounds", "1", "--rate", "0", "--smtp-delay", "0")
                        .plannedPipelineInvites())
                .isEqualTo(3000 + 500);

        BenchOptions closed = parse("--rate", "0", "--rate-fraction", "0.5");
        assertThat(closed.rate().openPhase()).isFalse();
        assertThat(closed.rate().closedPhase()).isTrue();
    }

    @Test
    void providerDelaysReadAsMillisecondsOrSeconds() {
        assertThat(BenchOptions.duration("--smtp-delay", "100ms")).isEqualTo(Duration.ofMillis(100));
        assertThat(BenchOptions.duration("--smtp-delay", "0.25s")).isEqualTo(Duration.ofMillis(250));
        assertThat(BenchOptions.duration("--smtp-delay", "40")).isEqualTo(Duration.ofMillis(40));
        assertThatThrownBy(() -> BenchOptions.duration("--smtp-delay", "soon"))
                .hasMessageContaining("--smtp-delay must be a duration");
        assertThat(parse("--invites", "300", "--smtp-delay", "1s").delayInvites())
                .isEqualTo(300);
    }

    @Test
    void loadStepsAddOpenLoopsAtOtherSharesOfTheMaximumWhichTheBaselineDoesNotMirror() {
        BenchOptions options = parse("--rate-steps", "0.2, 0.4,0.6", "--smtp-delay", "0");

        assertThat(options.rate().steps()).containsExactly(0.2, 0.4, 0.6);
        assertThat(options.rate().describe()).endsWith("then load steps at 20 %, 40 %, 60 % of it)");
        assertThat(options.plannedPipelineInvites()).isEqualTo(80 * 2000 + 5 * 500);
        assertThat(options.plannedBaselineInvites())
                .as("closed and open loops, and its own warm-up")
                .isEqualTo(2 * 500 + 200);
        assertThat(parse().rate().steps()).isEmpty();
    }

    @Test
    void loadStepsAreSharesOfAMeasuredMaximumSoTheyNeedRateAuto() {
        assertThatThrownBy(() -> parse("--rate", "400", "--rate-steps", "0.5"))
                .hasMessageContaining("--rate-steps")
                .hasMessageContaining("--rate auto");
        assertThatThrownBy(() -> parse("--rate-steps", "0.2,2")).hasMessageContaining("--rate-steps must be a number");
    }

    @Test
    void badValuesAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> parse("--rate", "fast")).hasMessageContaining("--rate must be a whole number");
        assertThatThrownBy(() -> parse("--rate-fraction", "1.5")).hasMessageContaining("--rate-fraction");
        assertThatThrownBy(() -> parse("--api-url", "http://localhost:8080", "--smtp-port", "2525"))
                .hasMessageContaining("--kafka and --mongo-uri");
        assertThatThrownBy(() -> parse(
                        "--api-url", "http://localhost:8080", "--kafka", "k:9092", "--mongo-uri", "mongodb://m/x"))
                .hasMessageContaining("--smtp-port");
    }
}
