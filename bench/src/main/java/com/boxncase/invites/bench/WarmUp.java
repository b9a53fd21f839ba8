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
 * @param steady whether the last round's JIT share was under {@link #STEADY_JIT_SHARE}
 */
record WarmUp(List<Round> rounds, boolean steady) {

    /** A round whose JIT compilers took less than this share of the services' CPU ends the warm-up. */
    static final double STEADY_JIT_SHARE = 0.10;

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

        boolean settled() {
            return jitShare < STEADY_JIT_SHARE;
        }
    }

    long invites() {
        return rounds.stream().mapToLong(Round::invites).sum();
    }

    /** The summary's words for it, e.g. "12000 warm-up invites in 6 rounds, JIT 8 % of the last". */
    String describe() {
        if (rounds.isEmpty()) {
            return "no warm-up";
        }
        Round last = rounds.get(rounds.size() - 1);
        return String.format(
                Locale.ROOT,
                "%d warm-up invites in %d round%s, JIT %.0f %% of the last%s",
                invites(),
                rounds.size(),
                rounds.size() == 1 ? "" : "s",
                last.jitShare() * 100,
                steady ? "" : " (not settled: out of rounds)");
    }
}
