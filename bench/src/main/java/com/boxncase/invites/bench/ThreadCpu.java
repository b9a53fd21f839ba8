package com.boxncase.invites.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU of every thread of a process, from {@code /proc/<pid>/task/<tid>/stat} (utime + stime), named by the
 * JVM's thread names ({@code jcmd <pid> Thread.print}, whose {@code nid} is the tid) or, failing that, the
 * kernel's 15-character {@code comm}. Two snapshots give what each thread spent in between; threads that
 * ended in between are the process's CPU that no living thread accounts for.
 */
final class ThreadCpu {

    private static final Pattern FOLDED_NUMBER = Pattern.compile("(?<![A-Za-z])[0-9]+|[0-9]+$");
    private static final Pattern JCMD_THREAD = Pattern.compile("^\"(.*)\" .*\\bnid=(0x[0-9a-f]+|[0-9]+)\\b");

    /** One process at one moment: its total CPU and each living thread's, in clock ticks. */
    record Snapshot(long pid, long processTicks, Map<Long, Long> threadTicks, Map<Long, String> names) {}

    /** What a process spent between two snapshots, by thread group (digits folded), in seconds. */
    record Usage(double processSeconds, Map<String, Double> byGroup) {

        double seconds(Category category) {
            return byGroup.entrySet().stream()
                    .filter(e -> Category.of(e.getKey()) == category)
                    .mapToDouble(Map.Entry::getValue)
                    .sum();
        }

        double secondsMatching(String prefix) {
            return byGroup.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix))
                    .mapToDouble(Map.Entry::getValue)
                    .sum();
        }
    }

    /** What a thread does, by its JVM name: compiling, collecting garbage, or the program's own work. */
    enum Category {
        JIT,
        GC,
        APP;

        static Category of(String group) {
            if (group.startsWith("C1 CompilerThre") || group.startsWith("C2 CompilerThre")) {
                return JIT;
            }
            if (group.startsWith("GC Thread")
                    || group.startsWith("G1 ")
                    || group.equals("VM Thread")
                    || group.startsWith("ParGC")) {
                return GC;
            }
            return APP;
        }
    }

    /** The group of threads that ended between the snapshots. */
    static final String EXITED = "(threads that ended)";

    private ThreadCpu() {}

    static Snapshot snapshot(long pid, boolean withJvmNames) {
        Map<Long, Long> ticks = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                try {
                    long tid = Long.parseLong(thread.getFileName().toString());
                    String stat = Files.readString(thread.resolve("stat"));
                    ticks.put(tid, ticks(stat));
                    names.put(tid, comm(stat));
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while we listed them
                }
            }
        } catch (IOException e) {
            return new Snapshot(pid, -1, Map.of(), Map.of());
        }
        if (withJvmNames) {
            names.putAll(jvmNames(pid));
        }
        long process;
        try {
            process = ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            process = -1;
        }
        return new Snapshot(pid, process, ticks, names);
    }

    /** What the process spent from {@code before} to {@code after}, grouped by thread name. */
    static Usage between(Snapshot before, Snapshot after) {
        Map<String, Double> groups = new TreeMap<>();
        long accounted = 0;
        for (Map.Entry<Long, Long> thread : after.threadTicks().entrySet()) {
            long spent = thread.getValue() - before.threadTicks().getOrDefault(thread.getKey(), 0L);
            if (spent <= 0) {
                continue;
            }
            accounted += spent;
            String name =
                    after.names().getOrDefault(thread.getKey(), before.names().get(thread.getKey()));
            groups.merge(group(name), spent / ProcStats.TICKS_PER_SECOND, Double::sum);
        }
        long processSpent = after.processTicks() - before.processTicks();
        if (processSpent > accounted) {
            groups.merge(EXITED, (processSpent - accounted) / ProcStats.TICKS_PER_SECOND, Double::sum);
        }
        return new Usage(Math.max(processSpent, accounted) / ProcStats.TICKS_PER_SECOND, groups);
    }

    /**
     * A thread's name with its numbers folded, so a pool's threads form one group: numbers after a
     * separator and at the end ({@code http-nio-8080-exec-12}, {@code C2 CompilerThread1}), not those that
     * are part of a word ({@code C2}, {@code G1}).
     */
    static String group(String name) {
        if (name == null) {
            return "?";
        }
        return FOLDED_NUMBER.matcher(name).replaceAll("N");
    }

    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static String comm(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** tid -> JVM thread name, from one {@code jcmd Thread.print}; empty when jcmd is not there. */
    static Map<Long, String> jvmNames(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                    .redirectErrorStream(true)
                    .start();
            List<String> lines =
                    new String(process.getInputStream().readAllBytes()).lines().toList();
            process.waitFor(30, TimeUnit.SECONDS);
            return parseJcmd(lines);
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    static Map<Long, String> parseJcmd(List<String> lines) {
        Map<Long, String> names = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = JCMD_THREAD.matcher(line);
            if (m.find()) {
                String nid = m.group(2);
                long tid = nid.startsWith("0x") ? Long.parseLong(nid.substring(2), 16) : Long.parseLong(nid);
                names.put(tid, m.group(1));
            }
        }
        return names;
    }
}
