package com.boxncase.invites.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class ExpiryPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(WithProperties.class);

    @Test
    void defaultsMatchTheDocumentedOnes() {
        runner.run(context -> {
            ExpiryProperties properties = context.getBean(ExpiryProperties.class);
            assertThat(properties.schedulingEnabled()).isTrue();
            assertThat(properties.runInterval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.batchSize()).isEqualTo(500);
            assertThat(properties.maxBatchesPerRun()).isEqualTo(20);
            assertThat(properties.reminderLead()).isEqualTo(Duration.ofHours(24));
            assertThat(properties.remindersEnabled()).isTrue();
            assertThat(properties.expiredRetention()).isEqualTo(Duration.ofDays(90));
            assertThat(properties.revokedRetention()).isEqualTo(Duration.ofDays(90));
            assertThat(properties.reminderWindow().start()).isEqualTo(LocalTime.of(9, 0));
            assertThat(properties.reminderWindow().end()).isEqualTo(LocalTime.of(20, 0));
        });
    }

    @Test
    void aZeroBatchSizeFailsAtStartUp() {
        runner.withPropertyValues("invites.expiry.batch-size=0")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aNegativeReminderLeadFailsAtStartUp() {
        runner.withPropertyValues("invites.expiry.reminder-lead=-1h")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aReminderWindowMayWrapAroundMidnightButNotBeEmpty() {
        ExpiryProperties.ReminderWindow evenings =
                new ExpiryProperties.ReminderWindow(LocalTime.of(18, 0), LocalTime.of(2, 0));
        assertThat(evenings.allows(LocalTime.of(23, 0))).isTrue();
        assertThat(evenings.allows(LocalTime.of(1, 59))).isTrue();
        assertThat(evenings.allows(LocalTime.of(2, 0))).isFalse();
        assertThat(evenings.allows(LocalTime.of(12, 0))).isFalse();
        runner.withPropertyValues(
                        "invites.expiry.reminder-window.start=10:00", "invites.expiry.reminder-window.end=10:00")
                .run(context -> assertThat(context).hasFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ExpiryProperties.class)
    static class WithProperties {}
}
