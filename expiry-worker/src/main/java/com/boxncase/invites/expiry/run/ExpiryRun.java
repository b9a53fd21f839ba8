package com.boxncase.invites.expiry.run;

import com.boxncase.invites.expiry.expiry.ExpiryJob;
import com.boxncase.invites.expiry.purge.PurgeJob;
import com.boxncase.invites.expiry.reminder.ReminderJob;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** One run of the worker: expire, then remind, then purge; logged and measured. */
@Component
public class ExpiryRun {

    private static final Logger log = LoggerFactory.getLogger(ExpiryRun.class);

    private final ExpiryJob expiry;
    private final ReminderJob reminders;
    private final PurgeJob purge;
    private final Timer runTimer;
    private final AtomicLong backlog = new AtomicLong();

    public ExpiryRun(ExpiryJob expiry, ReminderJob reminders, PurgeJob purge, MeterRegistry meters) {
        this.expiry = expiry;
        this.reminders = reminders;
        this.purge = purge;
        this.runTimer = Timer.builder("invites.expiry.run")
                .description("Duration of one expiry worker run")
                .register(meters);
        Gauge.builder("invites.expiry.backlog", backlog, AtomicLong::get)
                .description("PENDING invites past their expiry left after the last run")
                .register(meters);
    }

    public Report runOnce() {
        long started = System.nanoTime();
        int expired = expiry.run();
        int queued = reminders.run();
        int purged = purge.run();
        long overdue = expiry.backlog();
        backlog.set(overdue);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        runTimer.record(took);
        Report report = new Report(expired, queued, purged, overdue, took);
        log.info(
                "expiry run: expired={} remindersQueued={} purged={} backlog={} took={}ms",
                expired,
                queued,
                purged,
                overdue,
                took.toMillis());
        return report;
    }

    /** Scheduled entry point: a failed run is logged and the next one tries again. */
    void runScheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("expiry run failed, the next run retries: {}", e.toString());
        }
    }

    /** @param backlog PENDING invites still past their expiry after the run */
    public record Report(int expired, int remindersQueued, int purged, long backlog, Duration took) {}
}
