package com.boxncase.invites.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How long after the mail server accepted an invite's email the pending table shows it delivered: for a
 * sample of the invites (every {@code every}-th accepted, at most {@code maxSamples}), from the sink's DATA
 * completion it polls {@code GET /api/v1/stores/{store}/invites/{id}} until the email delivery reads
 * {@code SENT} (or {@code DELIVERED}), for at most 60 s. Each poll waits a tenth of the time waited so far (at least
 * 25 ms, at most 2 s): the figure is within about 10 % of when the row showed it, and a projection that lags draws
 * fewer polls, not more (polling every 250 ms, the probe's GETs became a third of invite-api's work in an
 * overloaded open loop and slowed the very projection it was waiting for). The report gives the count.
 * Its threads are named {@code probe-*} so the bench reports their CPU apart.
 */
final class VisibilityProbe implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MIN_WAIT_MILLIS = 25;
    private static final long MAX_WAIT_MILLIS = 2_000;
    private static final long GIVE_UP_NANOS = Duration.ofSeconds(60).toNanos();

    private final String apiUrl;
    private final String token;
    private final int every;
    private final int maxSamples;
    private final Map<String, String> sampled = new ConcurrentHashMap<>(); // invite id -> store
    private final Histogram dataToVisibleMicros = new ConcurrentHistogram(3);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "probe-timer"));
    private final ExecutorService httpThreads = Executors.newSingleThreadExecutor(r -> daemon(r, "probe-http"));
    private final HttpClient http;

    record Result(Histogram dataToVisibleMicros, long samples, long timedOut, long requests) {}

    VisibilityProbe(String apiUrl, String token, int every, int maxSamples) {
        this.apiUrl = apiUrl;
        this.token = token;
        this.every = Math.max(1, every);
        this.maxSamples = maxSamples;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(httpThreads)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** From the load's accept callback: samples every {@code every}-th accepted invite. */
    void accepted(int index, String inviteId, String store) {
        if (index % every == 0 && sampled.size() < maxSamples) {
            sampled.put(inviteId, store);
        }
    }

    /** From the sink: a sampled invite's email was accepted at {@code dataNanos}; start polling. */
    void delivered(String inviteId, long dataNanos) {
        String store = sampled.get(inviteId);
        if (store != null) {
            pending.incrementAndGet();
            poll(store, inviteId, dataNanos);
        }
    }

    /** Waits for the samples still polling (at most the give-up time), then returns what they measured. */
    Result finish() throws InterruptedException {
        long deadline =
                System.nanoTime() + GIVE_UP_NANOS + Duration.ofSeconds(5).toNanos();
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return new Result(dataToVisibleMicros, dataToVisibleMicros.getTotalCount(), timedOut.get(), requests.get());
    }

    private void poll(String store, String inviteId, long dataNanos) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(apiUrl + "/api/v1/stores/" + store + "/invites/" + inviteId))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        requests.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long now = System.nanoTime();
            if (failure == null && response.statusCode() == 200 && emailDelivered(response.body())) {
                dataToVisibleMicros.recordValue(Math.max(0, (now - dataNanos) / 1000));
                pending.decrementAndGet();
            } else if (now - dataNanos > GIVE_UP_NANOS) {
                timedOut.incrementAndGet();
                pending.decrementAndGet();
            } else {
                long waitMillis = nextWaitMillis(now - dataNanos);
                timer.schedule(() -> poll(store, inviteId, dataNanos), waitMillis, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** A tenth of the time waited so far, between 25 ms and 2 s. */
    static long nextWaitMillis(long waitedNanos) {
        long tenth = TimeUnit.NANOSECONDS.toMillis(waitedNanos) / 10;
        return Math.max(MIN_WAIT_MILLIS, Math.min(MAX_WAIT_MILLIS, tenth));
    }

    /** Whether the invite's email delivery reads SENT or DELIVERED, in {@code delivery} or {@code deliveries}. */
    static boolean emailDelivered(String body) {
        JsonNode invite = JSON.readTree(body);
        if (isDelivered(invite.get("delivery"))) {
            return true;
        }
        JsonNode deliveries = invite.get("deliveries");
        if (deliveries != null && deliveries.isArray()) {
            for (JsonNode delivery : deliveries) {
                if (isDelivered(delivery)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isDelivered(JsonNode delivery) {
        if (delivery == null || !delivery.isObject()) {
            return false;
        }
        JsonNode channel = delivery.get("channel");
        JsonNode state = delivery.get("state");
        boolean email = channel == null || channel.isNull() || "EMAIL".equals(channel.asString());
        return email && state != null && ("SENT".equals(state.asString()) || "DELIVERED".equals(state.asString()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        httpThreads.shutdownNow();
    }
}
