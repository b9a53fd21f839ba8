package com.boxncase.invites.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    private static WarmUp.Round round(double jitShare) {
        return new WarmUp.Round(2000, 5, 4.0, jitShare);
    }

    @Test
    void oneLuckyRoundAfterBusyOnesDoesNotEndTheWarmUp() {
        List<WarmUp.Round> rounds = List.of(round(0.21), round(0.11), round(0.08));

        assertThat(WarmUp.jitShareOfLatest(rounds)).isCloseTo(0.1333, org.assertj.core.data.Offset.offset(0.001));
        assertThat(WarmUp.settled(rounds, 80)).isFalse();
    }

    @Test
    void theLatestRoundsTogetherUnderTheThresholdEndIt() {
        List<WarmUp.Round> rounds = List.of(round(0.30), round(0.09), round(0.12), round(0.07));

        assertThat(WarmUp.settled(rounds, 80)).isTrue();
    }

    @Test
    void roundsAreWeighedByTheirCpu() {
        WarmUp.Round costly = new WarmUp.Round(2000, 5, 12.0, 0.20);
        WarmUp.Round cheap = new WarmUp.Round(2000, 5, 2.0, 0.02);

        assertThat(WarmUp.jitShareOfLatest(List.of(cheap, cheap, costly))).isGreaterThan(0.10);
        assertThat(WarmUp.settled(List.of(cheap, cheap, costly), 80)).isFalse();
    }

    @Test
    void aWarmUpOfOneRoundJudgesThatRoundAlone() {
        assertThat(WarmUp.settled(List.of(round(0.05)), 1)).isTrue();
        assertThat(WarmUp.settled(List.of(round(0.05)), 80)).isFalse();
    }

    @Test
    void theSummaryGivesTheShareOfTheRoundsItJudged() {
        WarmUp warmUp = new WarmUp(List.of(round(0.30), round(0.09), round(0.12), round(0.06)), true);

        assertThat(warmUp.describe()).isEqualTo("8000 warm-up invites in 4 rounds, JIT 9 % of the last 3");
    }
}
