package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Counter {@code invites.notifier.deliveries} by channel and outcome ({@code sent, retried, failed, skipped,
 * duplicate}), {@code invites.notifier.poison} for unreadable records, timer {@code invites.delivery.latency} by
 * channel (from the command's {@code issuedAt}, the API's accept, to the provider's acceptance, with a percentile
 * histogram for dashboards) and distribution summary {@code invites.notifier.batch.size} by topic ({@code notify},
 * {@code retry}): records per batch. No
 * store id or address as a tag. Every meter is registered once, up front: at hundreds of deliveries a second a
 * registry look-up per increment is a cost worth avoiding.
 */
@Component
class DeliveryMetrics {

    enum Outcome {
        SENT,
        RETRIED,
        FAILED,
        SKIPPED,
        DUPLICATE
    }

    private final Map<Channel, Map<Outcome, Counter>> deliveries = new EnumMap<>(Channel.class);
    private final Map<Channel, Timer> latency = new EnumMap<>(Channel.class);
    private final Counter poison;
    private final DistributionSummary mainBatches;
    private final DistributionSummary retryBatches;

    DeliveryMetrics(MeterRegistry meters) {
        for (Channel channel : Channel.values()) {
            Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                counters.put(
                        outcome,
                        Counter.builder("invites.notifier.deliveries")
                                .description("Delivery outcomes of NotifyInvite commands")
                                .tag("channel", channel.name())
                                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                                .register(meters));
            }
            deliveries.put(channel, counters);
            latency.put(
                    channel,
                    Timer.builder("invites.delivery.latency")
                            .description("From the command's issuedAt to the provider accepting the message")
                            .tag("channel", channel.name())
                            .publishPercentileHistogram()
                            .minimumExpectedValue(Duration.ofMillis(50))
                            .maximumExpectedValue(Duration.ofHours(1))
                            .register(meters));
        }
        this.poison = Counter.builder("invites.notifier.poison")
                .description("Records that could not be read as a command, dead-lettered as their original bytes")
                .register(meters);
        this.mainBatches = batchSize("notify", meters);
        this.retryBatches = batchSize("retry", meters);
    }

    void count(Channel channel, Outcome outcome) {
        deliveries.get(channel).get(outcome).increment();
    }

    /** A provider accepted, at {@code now}, the message of a command issued at {@code issuedAt}. */
    void accepted(Channel channel, Instant issuedAt, Instant now) {
        if (issuedAt == null) {
            return;
        }
        Duration took = Duration.between(issuedAt, now);
        latency.get(channel).record(took.isNegative() ? Duration.ZERO : took);
    }

    void poison() {
        poison.increment();
    }

    /** A batch of {@code records} records from {@code invites.notify} or, when {@code retry}, from a retry topic. */
    void batch(boolean retry, int records) {
        (retry ? retryBatches : mainBatches).record(records);
    }

    private static DistributionSummary batchSize(String topic, MeterRegistry meters) {
        return DistributionSummary.builder("invites.notifier.batch.size")
                .description("Records per batch delivered, from invites.notify (notify) or a retry topic (retry)")
                .tag("topic", topic)
                .baseUnit("records")
                .register(meters);
    }
}
