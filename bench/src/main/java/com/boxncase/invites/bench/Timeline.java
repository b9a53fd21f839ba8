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

    /** Events per second with a time in {@code [from, to]}; NaN when that is less than a second. */
    static double rateBetween(long[] sortedNanos, long from, long to) {
        double seconds = (to - from) / 1e9;
        if (seconds < 1) {
            return Double.NaN;
        }
        return (countUpTo(sortedNanos, to) - countUpTo(sortedNanos, from - 1)) / seconds;
    }

    /** How many events happened at or before {@code nanos}. */
    static int countUpTo(long[] sortedNanos, long nanos) {
        int index = Arrays.binarySearch(sortedNanos, nanos);
        if (index < 0) {
            return -index - 1;
        }
        while (index + 1 < sortedNanos.length && sortedNanos[index + 1] == nanos) {
            index++;
        }
        return index + 1;
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
