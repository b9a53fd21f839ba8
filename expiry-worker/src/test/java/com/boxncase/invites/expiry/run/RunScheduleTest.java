package com.boxncase.invites.expiry.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import com.boxncase.invites.expiry.ExpiryProperties;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.config.IntervalTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

class RunScheduleTest {

    @Test
    void runsAreScheduledAtTheConfiguredInterval() {
        ExpiryRun run = mock(ExpiryRun.class);
        ExpiryProperties properties = new ExpiryProperties(
                true,
                Duration.ofSeconds(45),
                500,
                20,
                Duration.ofHours(24),
                new ExpiryProperties.ReminderWindow(LocalTime.of(9, 0), LocalTime.of(20, 0)),
                true,
                Duration.ofDays(90),
                Duration.ofDays(90));
        ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();

        new RunSchedule(run, properties).configureTasks(registrar);

        assertThat(registrar.getFixedDelayTaskList()).hasSize(1);
        IntervalTask task = registrar.getFixedDelayTaskList().get(0);
        assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofSeconds(45));
        task.getRunnable().run();
        verify(run).runScheduled();
    }
}
