package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counter {@code invites.notifier.deliveries} by channel and outcome ({@code sent, retried, failed, skipped,
 * duplicate}) and {@code invites.notifier.poison} for unreadable commands. No store id or address as a tag.
 */
@Component
class DeliveryMetrics {

    private final MeterRegistry meters;
    private final Counter poison;

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

    void poison() {
        poison.increment();
    }
}
