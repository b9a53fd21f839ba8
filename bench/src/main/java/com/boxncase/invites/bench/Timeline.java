package com.boxncase.invites.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Events per second since a start time (nanoTime), for the throughput-over-time plot. */
final class Timeline {

    private final long startNanos;
    private final ConcurrentHashMap<Integer, LongAdder> perSecond = new ConcurrentHashMap<>();

    Timeline(long startNanos) {
        this.startNanos = startNanos;
    }

    void record(long nanos) {
        perSecond.computeIfAbsent(second(nanos), k -> new LongAdder()).increment();
    }

    static Timeline of(long startNanos, Collection<Long> nanos) {
        Timeline timeline = new Timeline(startNanos);
        nanos.forEach(timeline::record);
        return timeline;
    }

    /** Counts per second from the start to the last second with an event. */
    long[] counts() {
        int last = perSecond.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
        long[] counts = new long[last + 1];
        perSecond.forEach((second, count) -> {
            if (second >= 0) {
                counts[second] = count.sum();
            }
        });
        return counts;
    }

    /**
     * The sustained rate: events between the 10th and the 90th percentile of their arrival divided by the time
     * between them, so a slow start and a draining tail do not count. Needs at least 10 events.
     */
    static double sustainedRate(long[] sortedNanos) {
        if (sortedNanos.length < 10) {
            return Double.NaN;
        }
        int from = sortedNanos.length / 10;
        int to = sortedNanos.length * 9 / 10;
        double seconds = (sortedNanos[to] - sortedNanos[from]) / 1e9;
        return seconds <= 0 ? Double.NaN : (to - from) / seconds;
    }

    static long[] sorted(Collection<Long> nanos) {
        long[] values = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(values);
        return values;
    }

    private int second(long nanos) {
        return (int) ((nanos - startNanos) / 1_000_000_000L);
    }
}
