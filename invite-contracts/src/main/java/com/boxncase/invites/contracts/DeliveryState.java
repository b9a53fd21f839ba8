package com.boxncase.invites.contracts;

/**
 * Where one channel's delivery of one command stands. The order of {@link #progress(int)} is what keeps
 * late or duplicate status events from moving a delivery backwards.
 */
public enum DeliveryState {
    QUEUED(0, false),
    SENDING(1, false),
    RETRYING(2, false),
    SENT(3, true),
    SKIPPED(3, true),
    FAILED(3, true),
    DELIVERED(4, true),
    UNDELIVERED(4, true),
    BOUNCED(4, true);

    private final int rank;
    private final boolean terminal;

    DeliveryState(int rank, boolean terminal) {
        this.rank = rank;
        this.terminal = terminal;
    }

    /** Whether the worker has finished with this command (providers may still report DELIVERED later). */
    public boolean isTerminal() {
        return terminal;
    }

    /**
     * A number that only grows as one command's delivery advances: attempts count while in flight, and any
     * outcome outranks every in-flight state whatever its attempt.
     */
    public long progress(int attempt) {
        return terminal ? 1_000_000L + rank : (long) Math.max(attempt, 0) * 10 + rank;
    }
}
