package com.boxncase.invites.expiry.run;

import static com.boxncase.invites.expiry.InviteFixtures.pendingInvite;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxncase.invites.expiry.ExpiryProperties;
import com.boxncase.invites.expiry.WorkerTest;
import com.boxncase.invites.expiry.expiry.ExpiryJob;
import com.boxncase.invites.expiry.purge.PurgeJob;
import com.boxncase.invites.expiry.reminder.ReminderJob;
import com.boxncase.invites.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class ExpiryRunTest extends WorkerTest {

    @Autowired
    ExpiryRun run;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ApplicationContext context;

    @Test
    void aRunExpiresRemindsPurgesAndRecordsItsMetrics() {
        insert(pendingInvite(START.minus(Duration.ofDays(8))));
        insert(pendingInvite(START.minus(Duration.ofDays(6))));
        insert(pendingInvite(START.minus(Duration.ofDays(200))).revoked(START.minus(Duration.ofDays(100))));
        double expiredBefore = meters.counter("invites.expiry.expired").count();

        ExpiryRun.Report report = run.runOnce();

        assertThat(report.expired()).isEqualTo(1);
        assertThat(report.remindersQueued()).isEqualTo(1);
        assertThat(report.purged()).isEqualTo(1);
        assertThat(report.backlog()).isZero();
        assertThat(meters.counter("invites.expiry.expired").count()).isEqualTo(expiredBefore + 1);
        assertThat(meters.get("invites.expiry.reminders.queued").counter().count())
                .isPositive();
        assertThat(meters.get("invites.expiry.purged").counter().count()).isPositive();
        assertThat(meters.get("invites.expiry.run").timer().count()).isPositive();
        assertThat(meters.get("invites.expiry.backlog").gauge().value()).isZero();
        awaitOutboxPublished();
    }

    @Test
    void theBacklogGaugeShowsOverdueInvitesARunLeftOver() {
        for (int i = 0; i < 5; i++) {
            insert(pendingInvite(START.minus(Duration.ofDays(8))));
        }
        ExpiryProperties oneSmallBatch = new ExpiryProperties(
                false,
                Duration.ofSeconds(30),
                2,
                1,
                Duration.ofHours(24),
                new ExpiryProperties.ReminderWindow(LocalTime.of(9, 0), LocalTime.of(20, 0)),
                true,
                Duration.ofDays(90),
                Duration.ofDays(90));
        MeterRegistry ownMeters = new SimpleMeterRegistry();
        ExpiryRun smallRun = new ExpiryRun(
                new ExpiryJob(mongo, context.getBean(Outbox.class), clock, oneSmallBatch, ownMeters),
                context.getBean(ReminderJob.class),
                context.getBean(PurgeJob.class),
                ownMeters);

        assertThat(smallRun.runOnce().backlog()).isEqualTo(3);
        assertThat(ownMeters.get("invites.expiry.backlog").gauge().value()).isEqualTo(3);
        awaitOutboxPublished();
    }

    @Test
    void theSchedulerIsOffInTests() {
        assertThat(context.getBeansOfType(RunSchedule.class)).isEmpty();
    }
}
