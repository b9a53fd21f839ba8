package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Counter {@code invites.notifier.deliveries} by channel and outcome ({@code sent, retried, failed, skipped,
 * duplicate}), {@code invites.notifier.poison} for unreadable commands, and timer {@code invites.delivery.latency}
 * by channel: from the command's {@code issuedAt} (the API's accept) to the provider's acceptance, with a
 * percentile histogram for dashboards. No store id or address as a tag.
 */
@Component
class DeliveryMetrics {

    private final MeterRegistry meters;
    private final Counter poison;
    private final Clock clock = Clock.systemUTC();

    DeliveryMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.poison = Counter.builder("invites.notifier.poison")
                .description("Commands that could not be read, dead-lettered as their original bytes")
                .register(meters);
    }

    void count(Channel channel, String outcome) {
        Counter.builder("invites.notifier.deliveries")
                .description("Delivery outcomes of NotifyInvite commands")
                .tag("channel", channel.name())
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    /** A provider accepted the message of a command issued at {@code issuedAt}. */
    void accepted(Channel channel, Instant issuedAt) {
        if (issuedAt == null) {
            return;
        }
        Duration latency = Duration.between(issuedAt, clock.instant());
        Timer.builder("invites.delivery.latency")
                .description("From the command's issuedAt to the provider accepting the message")
                .tag("channel", channel.name())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(50))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(meters)
                .record(latency.isNegative() ? Duration.ZERO : latency);
    }

    void poison() {
        poison.increment();
    }
}
