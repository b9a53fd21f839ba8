package com.boxncase.invites.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends requests with at most {@code concurrency} in flight and records each latency in microseconds
 * (HdrHistogram). With a rate it offers requests on a fixed schedule and measures from the intended start,
 * so a stalled server shows in the percentiles instead of slowing the generator (no coordinated omission).
 */
final class HttpLoad {

    /** Called for each response with the expected status, with the nanoTime it arrived. */
    interface Accepted {
        void accept(int index, HttpResponse<String> response, long arrivedNanos);
    }

    record Result(
            long requests,
            long ok,
            Histogram latencyMicros,
            Map<String, Long> errors,
            long startNanos,
            long endNanos,
            Timeline timeline) {

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        double throughput() {
            return ok / seconds();
        }
    }

    private final HttpClient client;
    private final ExecutorService executor;

    HttpLoad() {
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "load-http");
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    Result run(
            int count,
            int concurrency,
            int ratePerSecond,
            int expectedStatus,
            IntFunction<HttpRequest> requests,
            Accepted accepted)
            throws InterruptedException {
        Histogram latency = new ConcurrentHistogram(3);
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        LongAdder ok = new LongAdder();
        Semaphore inFlight = new Semaphore(concurrency);
        long start = System.nanoTime();
        Timeline timeline = new Timeline(start);
        long intervalNanos = ratePerSecond > 0 ? 1_000_000_000L / ratePerSecond : 0;
        for (int i = 0; i < count; i++) {
            long intended = start + i * intervalNanos;
            if (ratePerSecond > 0) {
                long wait;
                while ((wait = intended - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            inFlight.acquire();
            long sent = ratePerSecond > 0 ? intended : System.nanoTime();
            int index = i;
            HttpRequest request = requests.apply(i);
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long now = System.nanoTime();
                try {
                    latency.recordValue(Math.max(0, (now - sent) / 1000));
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        errors.computeIfAbsent(cause.getClass().getSimpleName(), k -> new LongAdder())
                                .increment();
                    } else if (response.statusCode() != expectedStatus) {
                        errors.computeIfAbsent("HTTP " + response.statusCode(), k -> new LongAdder())
                                .increment();
                    } else {
                        ok.increment();
                        timeline.record(now);
                        if (accepted != null) {
                            accepted.accept(index, response, now);
                        }
                    }
                } catch (RuntimeException e) {
                    errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder())
                            .increment();
                } finally {
                    inFlight.release();
                }
            });
        }
        inFlight.acquire(concurrency);
        long end = System.nanoTime();
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
        return new Result(count, ok.sum(), latency, errorCounts, start, end, timeline);
    }

    void close() {
        executor.shutdownNow();
    }
}
