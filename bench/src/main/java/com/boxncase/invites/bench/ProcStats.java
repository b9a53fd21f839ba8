package com.boxncase.invites.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds and memory of a process from Linux {@code /proc}: {@code utime + stime} (fields 14 and 15 of
 * {@code /proc/<pid>/stat}, in clock ticks) and {@code VmHWM} (peak RSS) / {@code VmRSS} of
 * {@code /proc/<pid>/status}.
 */
record ProcStats(long pid, double cpuSeconds, long peakRssKb, long rssKb) {

    /** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
    static final double TICKS_PER_SECOND = 100.0;

    static ProcStats of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            return new ProcStats(pid, cpuSeconds(stat), kb(status, "VmHWM:"), kb(status, "VmRSS:"));
        } catch (IOException e) {
            return new ProcStats(pid, Double.NaN, -1, -1);
        }
    }

    /** utime + stime in seconds; the command name in parentheses may hold spaces, so count after ')'. */
    static double cpuSeconds(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state); utime is field 14, stime field 15
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks / TICKS_PER_SECOND;
    }

    static long kb(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                return Long.parseLong(
                        line.substring(key.length()).replace("kB", "").strip());
            }
        }
        return -1;
    }
}
