package com.boxncase.invites.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.notifier.NotifierProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RetryScheduleTest {

    private final RetrySchedule defaults = RetrySchedule.of(defaultSettings().retry());

    @Test
    void theDefaultScheduleRidesOutAnHourLongOutageWithRetriesCappedAtFiveMinutes() {
        assertThat(defaults.span()).isGreaterThanOrEqualTo(Duration.ofHours(1)).isLessThan(Duration.ofMinutes(70));
        assertThat(defaults.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(defaults.delayAfter(6)).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.delayAfter(16)).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.exhausted(16)).isFalse();
        assertThat(defaults.exhausted(17)).isTrue();
    }

    @Test
    void delaysThatReachedTheCapShareOneRetryTopic() {
        assertThat(defaults.topics())
                .containsExactly(
                        Topics.NOTIFY_RETRY_PREFIX + "10000",
                        Topics.NOTIFY_RETRY_PREFIX + "20000",
                        Topics.NOTIFY_RETRY_PREFIX + "40000",
                        Topics.NOTIFY_RETRY_PREFIX + "80000",
                        Topics.NOTIFY_RETRY_PREFIX + "160000",
                        Topics.NOTIFY_RETRY_PREFIX + "300000");
        assertThat(defaults.topicAfter(12)).isEqualTo(Topics.NOTIFY_RETRY_PREFIX + "300000");
    }

    @Test
    void aSingleAttemptNeedsNoRetryTopic() {
        assertThat(new RetrySchedule(1, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1)).topics())
                .isEmpty();
    }

    /** The defaults as Spring binds them from an empty configuration. */
    private static NotifierProperties defaultSettings() {
        return new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("invites.notifier", Bindable.of(NotifierProperties.class));
    }
}
