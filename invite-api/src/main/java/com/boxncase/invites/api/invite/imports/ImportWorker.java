package com.boxncase.invites.api.invite.imports;

import com.boxncase.invites.api.invite.BulkProperties;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs imports in the background: {@code invites.bulk.imports.workers} threads, each taking up one open import at a
 * time (a lease in the import document, so one instance processes an import at a time) and processing it to the end.
 * Idle threads look for work every {@code poll-interval}; an upload to this instance wakes one at once. An import
 * whose instance died is resumed, by any instance, once its lease has passed; one whose instance shuts down is
 * released and resumed at once.
 */
@Component
class ImportWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);

    private final InviteImports imports;
    private final ImportProcessor processor;
    private final BulkProperties.Imports settings;
    private final Clock clock;
    private final String owner;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private volatile boolean running;
    private ExecutorService threads;

    ImportWorker(InviteImports imports, ImportProcessor processor, BulkProperties properties, Clock clock) {
        this.imports = imports;
        this.processor = processor;
        this.settings = properties.imports();
        this.clock = clock;
        this.owner = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void start() {
        if (running || settings.workers() == 0) {
            return;
        }
        running = true;
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newFixedThreadPool(settings.workers(), runnable -> {
            Thread thread = new Thread(runnable, "invite-import-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < settings.workers(); i++) {
            threads.submit(this::work);
        }
    }

    /** Finishes the batch in hand, releases the import and stops. */
    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake();
        threads.shutdown();
        try {
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("import threads still busy after 30 s; their imports resume once their leases pass");
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A new import is waiting: wake an idle thread instead of letting it wait for the next poll. */
    void wake() {
        lock.lock();
        try {
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        while (running) {
            Optional<InviteImport> claimed = Optional.empty();
            try {
                claimed = imports.claim(owner, clock.instant(), settings.lease());
                if (claimed.isPresent()) {
                    processor.process(claimed.get(), () -> running);
                }
            } catch (Exception e) {
                // MongoDB unavailable, say: the lease runs out and the import is taken up again (by any instance)
                log.warn(
                        "import {} stopped: {}; resumed once its lease passes",
                        claimed.map(InviteImport::id).orElse("-"),
                        e.toString());
            }
            if (claimed.isEmpty() || !running) {
                idle(settings.pollInterval());
            }
        }
    }

    private void idle(Duration pollInterval) {
        lock.lock();
        try {
            if (running) {
                work.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "invite-api";
        }
    }
}
