package com.boxncase.invites.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Execution samples of the services during the load, through {@code jcmd <pid> JFR.start} / {@code JFR.stop}
 * and {@code jfr print --events jdk.ExecutionSample}: where their CPU went, summarised as the top frames,
 * the first frame in our own code, and the thread pools.
 */
final class JfrProfile {

    record Summary(
            String process,
            int samples,
            Map<String, Integer> topFrames,
            Map<String, Integer> ourFrames,
            Map<String, Integer> threads) {}

    private final Path javaHome = Path.of(System.getProperty("java.home"));
    private final Path dir;

    JfrProfile(Path dir) {
        this.dir = dir;
    }

    void start(String name, long pid) {
        jcmd(pid, "JFR.start", "name=bench", "settings=" + settings(), "filename=" + file(name));
    }

    /** {@code execution-samples.jfc} from the classpath, written next to the recordings for jcmd to read. */
    private Path settings() {
        Path file = dir.resolve("execution-samples.jfc");
        if (!Files.exists(file)) {
            try (var in = JfrProfile.class.getResourceAsStream("/execution-samples.jfc")) {
                Files.createDirectories(dir);
                Files.copy(in, file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return file.toAbsolutePath();
    }

    Summary stop(String name, long pid) throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=bench");
        Path recording = file(name);
        if (!Files.exists(recording)) {
            return new Summary(name, 0, Map.of(), Map.of(), Map.of());
        }
        Path text = dir.resolve(name + "-samples.txt");
        Process print = new ProcessBuilder(
                        javaHome.resolve("bin").resolve("jfr").toString(),
                        "print",
                        "--events",
                        "jdk.ExecutionSample",
                        "--stack-depth",
                        "64",
                        recording.toString())
                .redirectErrorStream(true)
                .redirectOutput(text.toFile())
                .start();
        print.waitFor(2, TimeUnit.MINUTES);
        Summary summary = summarise(name, Files.readAllLines(text));
        Files.delete(text);
        return summary;
    }

    static Summary summarise(String name, List<String> lines) {
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        boolean inStack = false;
        boolean first = false;
        boolean oursFound = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("jdk.ExecutionSample")) {
                samples++;
            } else if (line.startsWith("sampledThread = ")) {
                String thread = line.substring("sampledThread = ".length());
                int paren = thread.indexOf(" (");
                thread = (paren > 0 ? thread.substring(0, paren) : thread).replace("\"", "");
                threads.merge(thread.replaceAll("[0-9]+", "N"), 1, Integer::sum);
            } else if (line.startsWith("stackTrace = [")) {
                inStack = true;
                first = true;
                oursFound = false;
            } else if (inStack && line.startsWith("]")) {
                inStack = false;
            } else if (inStack && !line.equals("...")) {
                String frame = line.replaceAll("\\s+line:.*$", "");
                if (first) {
                    top.merge(frame, 1, Integer::sum);
                    first = false;
                }
                if (!oursFound && frame.startsWith("com.boxncase.")) {
                    ours.merge(frame, 1, Integer::sum);
                    oursFound = true;
                }
            }
        }
        return new Summary(name, samples, topN(top, 12), topN(ours, 10), topN(threads, 8));
    }

    private static Map<String, Integer> topN(Map<String, Integer> counts, int n) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        Map<String, Integer> result = new LinkedHashMap<>();
        entries.stream().limit(n).forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    private Path file(String name) {
        return dir.resolve(name + ".jfr").toAbsolutePath();
    }

    private void jcmd(long pid, String... command) {
        List<String> args = new ArrayList<>();
        args.add(javaHome.resolve("bin").resolve("jcmd").toString());
        args.add(Long.toString(pid));
        args.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(args)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            System.err.println("bench: jcmd " + String.join(" ", command) + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
