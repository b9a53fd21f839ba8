package com.boxncase.invites.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two measurements of issue 13, apart from the pipeline benchmark ({@code ./bench/run --bulk}):
 *
 * <ol>
 *   <li><b>bulk</b>: {@code --bulk-requests} requests of {@code --bulk-rows} rows, one per store, sent at once: the
 *       time until all are answered (target: 10 x 1,000 accepted within 2 s), each request's latency, and, when
 *       the bench started the stack (so the notifier sends to the bench's SMTP sink), the time until every created
 *       invite's email arrived (the pipeline's sustained rate).
 *   <li><b>import</b>: a CSV of {@code --import-rows} rows, generated while it is uploaded (the bench never holds it
 *       whole either), then followed until done: upload time, rows per second, and invite-api's heap and resident
 *       memory sampled every second while it runs. Flat memory means the peak does not grow with the file: compare
 *       runs of 10k and 100k rows.
 * </ol>
 *
 * <p>{@code --api-url URL [--api-pid PID]} measures a running invite-api instead of starting the stack (then without
 * delivery; the pid gives the resident memory).
 */
public final class BulkBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)$");

    static final String USAGE = """
            usage: ./bench/run --bulk [options]
              --bulk-requests N   bulk requests sent at once, one store each (default 10)
              --bulk-rows N       rows per bulk request (default 1000)
              --import-rows N     rows of the CSV import (default 100000; 0 skips the import)
              --warmup-requests N bulk requests sent one by one first, for the JIT (default 10)
              --api-url URL       measure a running invite-api (no stack started, no delivery measured)
              --api-pid PID       its process id, for its CPU time and resident memory
              --stack-pid PID     the local stack's process id, for its CPU time
              --jwt-secret S      HS256 secret of its tokens (default: the local one)
            """;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        if (options.containsKey("help")) {
            System.out.print(USAGE);
            return;
        }
        Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath();
        Path out = Path.of(options.getOrDefault(
                        "results-dir", repo.resolve("bench/results").toString()))
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-bulk");
        Files.createDirectories(out);
        String report = new BulkBench().run(options, repo);
        Files.writeString(out.resolve("report.md"), report);
        System.out.println(report);
        System.out.println("bench: report in " + out.resolve("report.md"));
        System.exit(0);
    }

    private String run(Map<String, String> options, Path repo) throws Exception {
        int requests = Integer.parseInt(options.getOrDefault("bulk-requests", "10"));
        int rows = Integer.parseInt(options.getOrDefault("bulk-rows", "1000"));
        int importRows = Integer.parseInt(options.getOrDefault("import-rows", "100000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup-requests", "10"));
        String secret = options.getOrDefault("jwt-secret", "local-dev-jwt-secret-change-me-0123456789abcdef");
        StringBuilder report = new StringBuilder("# Bulk invites and CSV imports (issue 13)\n\n");
        if (options.containsKey("api-url")) {
            Map<String, Long> pids = new LinkedHashMap<>();
            if (options.containsKey("api-pid")) {
                pids.put("invite-api", Long.parseLong(options.get("api-pid")));
            }
            if (options.containsKey("stack-pid")) {
                pids.put("local-stack", Long.parseLong(options.get("stack-pid")));
            }
            measure(options.get("api-url"), pids, null, secret, warmup, requests, rows, importRows, report);
            return report.toString();
        }
        try (BenchSink sink = BenchSink.start(0)) {
            say("starting local-stack, invite-api and notifier-worker (bench sink on :" + sink.port() + ")");
            int heapMb = StackProcesses.localStackHeapMb((long) requests * rows + importRows, 0);
            try (StackProcesses stack =
                    StackProcesses.start(repo, System.getProperty("bench.version"), sink.port(), heapMb)) {
                measure(stack.apiUrl(), stack.pids(), sink, secret, warmup, requests, rows, importRows, report);
            }
        }
        return report.toString();
    }

    private void measure(
            String api,
            Map<String, Long> pids,
            BenchSink sink,
            String secret,
            int warmup,
            int requests,
            int rows,
            int importRows,
            StringBuilder report)
            throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> stores = new ArrayList<>();
        for (int s = 0; s < requests; s++) {
            stores.add("bulk-" + run + "-" + s);
        }
        String warmStore = "bulk-" + run + "-warm";
        String importStore = "bulk-" + run + "-import";
        List<String> tokenStores = new ArrayList<>(stores);
        tokenStores.add(warmStore);
        tokenStores.add(importStore);
        String token = Tokens.mint(secret, tokenStores);

        say("warm-up: " + warmup + " bulk requests of " + rows + " rows, one by one");
        int warmCreated = 0;
        for (int i = 0; i < warmup; i++) {
            warmCreated += send(api, token, warmStore, "warm" + i, rows).join().created();
        }
        if (sink != null) {
            awaitDelivered(sink, warmCreated, Duration.ofMinutes(5));
            sink.reset();
        }

        say("bulk: " + requests + " requests of " + rows + " rows, one store each, sent at once");
        Map<String, Double> cpuBefore = cpu(pids);
        long start = System.nanoTime();
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int s = 0; s < requests; s++) {
            answers.add(send(api, token, stores.get(s), "r" + s, rows));
        }
        List<Answer> done = answers.stream().map(CompletableFuture::join).toList();
        double acceptedSeconds = seconds(System.nanoTime() - start);
        Map<String, Double> cpuAnswered = cpu(pids);
        int created = done.stream().mapToInt(Answer::created).sum();
        List<Double> latencies = done.stream().map(Answer::seconds).sorted().toList();
        report.append("## Bulk\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "%d requests x %d rows sent at once: %d created, all answered in **%.2f s**"
                                + " (target: 10 x 1,000 within 2 s); request latency min %.2f s, max %.2f s.%n",
                        requests,
                        rows,
                        created,
                        acceptedSeconds,
                        latencies.get(0),
                        latencies.get(latencies.size() - 1)))
                .append(cpuLine("until all were answered", cpuBefore, cpuAnswered, created));
        if (sink != null) {
            long deliveredNanos = awaitDelivered(sink, created, Duration.ofMinutes(10)) - start;
            report.append(String.format(
                    Locale.ROOT,
                    "All %d emails at the SMTP sink %.1f s after the first request: %.0f invites/s from post to email.%n",
                    sink.delivered(),
                    seconds(deliveredNanos),
                    sink.delivered() / seconds(deliveredNanos)));
        }
        report.append('\n');

        if (importRows > 0) {
            measureImport(api, pids, token, importStore, importRows, report);
        }
    }

    private void measureImport(
            String api, Map<String, Long> pids, String token, String store, int rows, StringBuilder report)
            throws Exception {
        Long apiPid = pids.get("invite-api");
        Map<String, Double> cpuBefore = cpu(pids);
        say("import: " + rows + " rows, generated while uploaded");
        long baselineHeap = heapUsed(api);
        long start = System.nanoTime();
        HttpResponse<String> accepted = http.send(
                HttpRequest.newBuilder(URI.create(api + "/api/v1/stores/" + store + "/invite-imports"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "text/csv")
                        .timeout(Duration.ofMinutes(10))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new CsvRows(rows)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double uploadSeconds = seconds(System.nanoTime() - start);
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("upload answered " + accepted.statusCode() + ": " + accepted.body());
        }
        String location = api + accepted.headers().firstValue("Location").orElseThrow();
        long peakHeap = baselineHeap;
        long peakRss = 0;
        JsonNode state = JSON.createObjectNode();
        do {
            Thread.sleep(1000);
            HttpResponse<String> progress = get(location, token);
            if (progress.statusCode() != 200) {
                say("import progress answered " + progress.statusCode() + "; asking again");
                continue;
            }
            state = JSON.readTree(progress.body());
            peakHeap = Math.max(peakHeap, heapUsed(api));
            if (apiPid != null) {
                peakRss = Math.max(peakRss, ProcStats.of(apiPid).rssKb());
            }
        } while (!state.path("done").asBoolean());
        double totalSeconds = seconds(System.nanoTime() - start);
        Map<String, Double> cpuDone = cpu(pids);
        report.append("## Import\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "%d rows (%.1f MB): uploaded and checked in %.1f s, done in %.1f s (%s): %.0f rows/s;"
                                + " %d created, %d failed.%n",
                        rows,
                        state.get("bytes").asLong() / 1e6,
                        uploadSeconds,
                        totalSeconds,
                        state.get("state").asString(),
                        rows / totalSeconds,
                        state.get("created").asInt(),
                        state.get("failed").asInt()))
                .append(String.format(
                        Locale.ROOT,
                        "invite-api heap used: %.0f MB before, peak %.0f MB while importing (sampled each second)%s.%n",
                        baselineHeap / 1e6,
                        peakHeap / 1e6,
                        apiPid == null ? "" : String.format(Locale.ROOT, "; resident peak %.0f MB", peakRss / 1e3)))
                .append(cpuLine("from upload to done", cpuBefore, cpuDone, rows));
    }

    /** CPU seconds of each measured process over a phase, per 1,000 rows: what the phase costs whatever the load. */
    private static String cpuLine(String phase, Map<String, Double> before, Map<String, Double> after, int rows) {
        if (before.isEmpty() || rows == 0) {
            return "";
        }
        StringBuilder line = new StringBuilder("CPU " + phase + ", per 1,000 rows:");
        double total = 0;
        for (String name : before.keySet()) {
            double used = after.get(name) - before.get(name);
            total += used;
            line.append(String.format(Locale.ROOT, " %s %.2f s,", name, used * 1000 / rows));
        }
        return line.append(String.format(
                        Locale.ROOT,
                        " together %.2f s (on two idle cores: at best %.2f s per 1,000 rows).%n",
                        total * 1000 / rows,
                        total * 1000 / rows / 2))
                .toString();
    }

    private static Map<String, Double> cpu(Map<String, Long> pids) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> seconds.put(name, ProcStats.of(pid).cpuSeconds()));
        return seconds;
    }

    private record Answer(int created, double seconds) {}

    private CompletableFuture<Answer> send(String api, String token, String store, String prefix, int rows) {
        StringBuilder body = new StringBuilder("{\"invites\":[");
        for (int i = 0; i < rows; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"email\":\"")
                    .append(prefix)
                    .append('.')
                    .append(i)
                    .append('.')
                    .append(store)
                    .append("@example.com\",\"role\":\"STAFF\",\"locale\":\"en\"}");
        }
        body.append("]}");
        long start = System.nanoTime();
        return http.sendAsync(
                        HttpRequest.newBuilder(URI.create(api + "/api/v1/stores/" + store + "/invites/bulk"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofMinutes(2))
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("bulk answered " + response.statusCode() + ": "
                                + response.body()
                                        .substring(
                                                0, Math.min(500, response.body().length())));
                    }
                    return new Answer(
                            JSON.readTree(response.body()).get("created").asInt(), seconds(System.nanoTime() - start));
                });
    }

    private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** invite-api's heap in use, from its Prometheus endpoint (0 when it cannot be read). */
    private long heapUsed(String api) {
        try {
            String metrics = http.send(
                            HttpRequest.newBuilder(URI.create(api + "/actuator/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            double sum = 0;
            for (String line : metrics.split("\n")) {
                Matcher heap = HEAP.matcher(line);
                if (heap.matches()) {
                    sum += Double.parseDouble(heap.group(1));
                }
            }
            return (long) sum;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return 0;
        }
    }

    /** Waits until the sink holds {@code count} invites' emails; returns when (nanoTime). */
    private static long awaitDelivered(BenchSink sink, long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sink.delivered() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return System.nanoTime();
    }

    private static void say(String message) {
        System.out.println("bench: " + message);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> flags = new HashSet<>(List.of("help", "bulk"));
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            if (flags.contains(name)) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("no value for " + args[i] + "\n" + USAGE);
            }
        }
        return options;
    }

    /** A CSV of {@code rows} invite rows, produced as it is read. */
    private static final class CsvRows extends InputStream {
        private final int rows;
        private final String run = Long.toString(System.nanoTime(), 36);
        private byte[] line = "email,role,locale\n".getBytes(StandardCharsets.UTF_8);
        private int position;
        private int row;

        CsvRows(int rows) {
            this.rows = rows;
        }

        @Override
        public int read() {
            if (position == line.length) {
                if (row == rows) {
                    return -1;
                }
                line = ("import." + run + "." + row++ + "@example.com,STAFF,en\n").getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            return line[position++] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = 0;
            while (n < length) {
                int b = read();
                if (b < 0) {
                    return n == 0 ? -1 : n;
                }
                buffer[offset + n++] = (byte) b;
            }
            return n;
        }
    }
}
