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
        List<WarmUp.Round> rounds = List.of(round(0.12), round(0.09), round(0.08), round(0.06), round(0.02));

        assertThat(WarmUp.jitShareOfLatest(rounds)).isCloseTo(0.074, org.assertj.core.data.Offset.offset(0.001));
        assertThat(WarmUp.settled(rounds, 80)).isFalse();
    }

    @Test
    void theLatestRoundsTogetherUnderTheThresholdEndIt() {
        List<WarmUp.Round> rounds =
                List.of(round(0.30), round(0.06), round(0.04), round(0.05), round(0.03), round(0.06));

        assertThat(WarmUp.settled(rounds, 80)).isTrue();
    }

    @Test
    void roundsAreWeighedByTheirCpu() {
        WarmUp.Round costly = new WarmUp.Round(2000, 5, 12.0, 0.08);
        WarmUp.Round cheap = new WarmUp.Round(2000, 5, 2.0, 0.02);
        List<WarmUp.Round> rounds = List.of(cheap, cheap, cheap, cheap, costly);

        // unweighted the shares average 3.2 %; by CPU the costly round makes it 5.6 %
        assertThat(WarmUp.jitShareOfLatest(rounds)).isGreaterThan(WarmUp.STEADY_JIT_SHARE);
        assertThat(WarmUp.settled(rounds, 80)).isFalse();
    }

    @Test
    void aWarmUpOfOneRoundJudgesThatRoundAlone() {
        assertThat(WarmUp.settled(List.of(round(0.03)), 1)).isTrue();
        assertThat(WarmUp.settled(List.of(round(0.03)), 80)).isFalse();
    }

    @Test
    void theSummaryGivesTheShareOfTheRoundsItJudged() {
        WarmUp warmUp =
                new WarmUp(List.of(round(0.30), round(0.06), round(0.04), round(0.05), round(0.03), round(0.06)), true);

        assertThat(warmUp.describe()).isEqualTo("12000 warm-up invites in 6 rounds, JIT 5 % of the last 5");
    }
}
