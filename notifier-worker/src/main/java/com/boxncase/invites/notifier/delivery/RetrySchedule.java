package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.notifier.NotifierProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * When a command that failed transiently is tried again, and on which topic it waits meanwhile: after attempt
 * {@code n} it waits {@code initialDelay * multiplier^(n-1)}, at most {@code maxDelay}, on {@code
 * invites.notify-retry-<delay in ms>}. Delays that reached the cap share the last topic, so 17 attempts from 10 s
 * doubling to 5 min need six retry topics.
 */
record RetrySchedule(int attempts, Duration initialDelay, double multiplier, Duration maxDelay) {

    static RetrySchedule of(NotifierProperties.Retry retry) {
        return new RetrySchedule(retry.attempts(), retry.initialDelay(), retry.multiplier(), retry.maxDelay());
    }

    /** Whether attempt {@code attempt} was the last one. */
    boolean exhausted(int attempt) {
        return attempt >= attempts;
    }

    /** How long a command waits after its attempt {@code attempt} failed. */
    Duration delayAfter(int attempt) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis(Math.round(millis));
    }

    /** The retry topic a command waits on after its attempt {@code attempt} failed. */
    String topicAfter(int attempt) {
        return Topics.notifyRetry(delayAfter(attempt));
    }

    /** Every retry topic of the schedule, shortest delay first. */
    List<String> topics() {
        Set<String> topics = new LinkedHashSet<>();
        for (int attempt = 1; attempt < attempts; attempt++) {
            topics.add(topicAfter(attempt));
        }
        return new ArrayList<>(topics);
    }

    /** From the first failure to the last attempt: how long an outage the schedule rides out. */
    Duration span() {
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < attempts; attempt++) {
            total = total.plus(delayAfter(attempt));
        }
        return total;
    }
}
