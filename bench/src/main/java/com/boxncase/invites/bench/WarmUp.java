package com.boxncase.invites.bench;

import java.util.List;
import java.util.Locale;

/**
 * How the stack was warmed up before the measured phases: closed-loop rounds on the same stores, until the services'
 * JIT compilers took a small share of a round's CPU (they had compiled what the load runs) or the rounds ran out.
 *
 * <p>Why rounds until the JIT settles rather than a fixed count: on 2 cores the C2 compiler competes with the load for
 * the CPU, and a few thousand invites leave it compiling for minutes more (a 100,000-invite phase still spent a quarter
 * of its CPU compiling on average). A phase measured then reports the services' first minutes, not the steady state
 * a service running for days is in.
 *
 * <p>Why over the last {@value #SETTLING_ROUNDS} rounds rather than the last one, and why 5 %: late rounds scatter (2 % to
 * 24 % within one run), because C2 compiles in lumps, so a round under the threshold is often a lucky one among busier
 * ones. With 10 % over 3 rounds a phase still measured twice its last rounds' share (21 % after rounds of 9, 10 and
 * 6 %): the compilers' tail went on into the phase.
 *
 * @param steady whether the last {@value #SETTLING_ROUNDS} rounds' JIT took under {@link #STEADY_JIT_SHARE} of their CPU
 */
record WarmUp(List<Round> rounds, boolean steady) {

    /** Rounds whose JIT compilers took less than this share of the services' CPU, together, end the warm-up. */
    static final double STEADY_JIT_SHARE = 0.05;

    /** How many of the latest rounds {@link #settled} weighs together. */
    static final int SETTLING_ROUNDS = 5;

    static final WarmUp NONE = new WarmUp(List.of(), false);

    /**
     * One closed-loop round.
     *
     * @param seconds from its first request to its last delivery
     * @param stackCpuMillisPerInvite invite-api, notifier-worker and local-stack together, per delivered invite
     * @param jitShare the share of that CPU the services' JIT compilers took
     */
    record Round(int invites, double seconds, double stackCpuMillisPerInvite, double jitShare) {

        double deliveredPerSecond() {
            return seconds > 0 ? invites / seconds : 0;
        }

        double cpuMillis() {
            return stackCpuMillisPerInvite * invites;
        }
    }

    /**
     * Whether the JIT has settled: over the last {@value #SETTLING_ROUNDS} rounds (all of them when there are fewer
     * and {@code maxRounds} allows no more), the compilers took under {@link #STEADY_JIT_SHARE} of the CPU.
     */
    static boolean settled(List<Round> rounds, int maxRounds) {
        return rounds.size() >= Math.min(SETTLING_ROUNDS, maxRounds) && jitShareOfLatest(rounds) < STEADY_JIT_SHARE;
    }

    /** The JIT's share of the CPU of the last {@value #SETTLING_ROUNDS} rounds (or of all, when fewer), together. */
    static double jitShareOfLatest(List<Round> rounds) {
        List<Round> latest = rounds.subList(Math.max(0, rounds.size() - SETTLING_ROUNDS), rounds.size());
        double cpu = latest.stream().mapToDouble(Round::cpuMillis).sum();
        double jit = latest.stream()
                .mapToDouble(round -> round.cpuMillis() * round.jitShare())
                .sum();
        return cpu > 0 ? jit / cpu : 1;
    }

    long invites() {
        return rounds.stream().mapToLong(Round::invites).sum();
    }

    /** The summary's words for it, e.g. "12000 warm-up invites in 6 rounds, JIT 4 % of the last 5". */
    String describe() {
        if (rounds.isEmpty()) {
            return "no warm-up";
        }
        int latest = Math.min(SETTLING_ROUNDS, rounds.size());
        return String.format(
                Locale.ROOT,
                "%d warm-up invites in %d round%s, JIT %.0f %% of the last%s%s",
                invites(),
                rounds.size(),
                rounds.size() == 1 ? "" : "s",
                jitShareOfLatest(rounds) * 100,
                latest == 1 ? "" : " " + latest,
                steady ? "" : " (not settled: out of rounds)");
    }
}
