package com.boxncase.invites.support;

import com.mongodb.MongoCommandException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Creates the indexes of every {@link RequiredIndexes} bean of the service. The first round runs while the
 * application starts, so a service whose MongoDB is there starts with its indexes; what fails is retried in the
 * background with exponential backoff until it succeeds. {@link #done()} backs the {@code indexes} health component,
 * which is part of the readiness group: the service is not ready until every index exists.
 *
 * <p>Creating an index that exists is a no-op in MongoDB, so every instance of a service runs its plan at each start.
 * A TTL index whose expiry setting changed is adjusted in place. Any other index that exists with other options fails
 * every round (and says so in the log) until an operator drops it: the service stays not ready rather than run without
 * the index it was written for.
 */
public class IndexPlan implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IndexPlan.class);
    private static final int INDEX_OPTIONS_CONFLICT = 85;

    private final MongoTemplate mongo;
    private final ObjectProvider<RequiredIndexes> owners;
    private final IndexPlanProperties properties;
    private final Object lock = new Object();
    private List<RequiredIndexes.CollectionIndex> pending = List.of();
    private int total;
    private int rounds;
    private String lastFailure;
    private ScheduledExecutorService retries;
    private volatile boolean running;

    public IndexPlan(MongoTemplate mongo, ObjectProvider<RequiredIndexes> owners, IndexPlanProperties properties) {
        this.mongo = mongo;
        this.owners = owners;
        this.properties = properties;
    }

    /** What the health component reports. */
    public record State(boolean done, int total, int pending, int rounds, String lastFailure) {}

    public State state() {
        synchronized (lock) {
            return new State(pending.isEmpty() && running, total, pending.size(), rounds, lastFailure);
        }
    }

    public boolean done() {
        return state().done();
    }

    @Override
    public void start() {
        List<RequiredIndexes.CollectionIndex> all = new ArrayList<>();
        owners.orderedStream().forEach(owner -> all.addAll(owner.requiredIndexes()));
        synchronized (lock) {
            pending = all;
            total = all.size();
        }
        running = true;
        if (!round()) {
            retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "index-plan");
                thread.setDaemon(true);
                return thread;
            });
            schedule(properties.initialDelay());
        }
    }

    /** Tries every pending index once; true when none is left. A failure ends the round (MongoDB is likely down). */
    private boolean round() {
        List<RequiredIndexes.CollectionIndex> todo;
        synchronized (lock) {
            todo = List.copyOf(pending);
            rounds++;
        }
        for (RequiredIndexes.CollectionIndex index : todo) {
            if (!running) {
                return false;
            }
            try {
                create(index);
                synchronized (lock) {
                    pending = pending.stream().filter(other -> other != index).toList();
                }
            } catch (RuntimeException e) {
                synchronized (lock) {
                    lastFailure = index.name() + ": " + e.getClass().getSimpleName();
                }
                log.warn(
                        "Index {} not created (round {}), {} of {} still missing; the service stays not ready: {}",
                        index.name(),
                        rounds,
                        todo.size(),
                        total,
                        e.toString());
                return false;
            }
        }
        synchronized (lock) {
            lastFailure = null;
        }
        if (total > 0) {
            log.info("All {} indexes exist", total);
        }
        return true;
    }

    /**
     * Creates the index; an existing TTL index whose expiry differs (the retention setting changed) is adjusted in
     * place with {@code collMod}, which MongoDB allows for {@code expireAfterSeconds} only.
     */
    private void create(RequiredIndexes.CollectionIndex index) {
        try {
            mongo.indexOps(index.collection()).createIndex(index.index());
        } catch (RuntimeException e) {
            Object expireAfter = index.index().getIndexOptions().get("expireAfterSeconds");
            Object name = index.index().getIndexOptions().get("name");
            if (errorCode(e) != INDEX_OPTIONS_CONFLICT || expireAfter == null || name == null) {
                throw e;
            }
            mongo.executeCommand(new Document("collMod", index.collection())
                    .append("index", new Document("name", name).append("expireAfterSeconds", expireAfter)));
            log.info("Index {} now expires documents after {} s", index.name(), expireAfter);
        }
    }

    private static int errorCode(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoCommandException command) {
                return command.getErrorCode();
            }
        }
        return -1;
    }

    private void schedule(Duration delay) {
        retries.schedule(
                () -> {
                    if (running && !round()) {
                        Duration doubled = delay.multipliedBy(2);
                        schedule(doubled.compareTo(properties.maxDelay()) > 0 ? properties.maxDelay() : doubled);
                    }
                },
                delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        if (retries != null) {
            retries.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
