package com.boxncase.invites.api.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Exports what {@link KafkaTopics} sees, from the broker's side, so dashboards do not depend on any consumer
 * being alive: {@code invites.kafka.consumer.lag} (group, topic, partition), {@code invites.kafka.topic.messages}
 * (records retained per topic; for the dead-letter topic, its size) and {@code invites.kafka.topic.end.offset}
 * (per topic; its rate is the topic's throughput). Refreshed every {@code invites.ops.metrics-interval}.
 */
@Component
class TopicMetrics {

    private static final Logger log = LoggerFactory.getLogger(TopicMetrics.class);

    private final KafkaTopics topics;
    private final MultiGauge lag;
    private final MultiGauge messages;
    private final MultiGauge endOffsets;

    TopicMetrics(KafkaTopics topics, MeterRegistry meters) {
        this.topics = topics;
        this.lag = MultiGauge.builder("invites.kafka.consumer.lag")
                .description("Records not yet consumed by a consumer group, per topic partition")
                .register(meters);
        this.messages = MultiGauge.builder("invites.kafka.topic.messages")
                .description("Records retained in the topic (end minus start offsets)")
                .register(meters);
        this.endOffsets = MultiGauge.builder("invites.kafka.topic.end.offset")
                .description("Sum of the topic's partition end offsets; its rate is the topic's throughput")
                .register(meters);
    }

    @Scheduled(
            fixedDelayString = "${invites.ops.metrics-interval:30s}",
            initialDelayString = "${invites.ops.metrics-interval:30s}")
    void refresh() {
        List<KafkaTopics.TopicState> states;
        try {
            states = topics.topics();
        } catch (RuntimeException e) {
            log.debug("topic metrics not refreshed: {}", e.toString());
            return;
        }
        List<MultiGauge.Row<?>> lagRows = new ArrayList<>();
        List<MultiGauge.Row<?>> messageRows = new ArrayList<>();
        List<MultiGauge.Row<?>> endRows = new ArrayList<>();
        for (KafkaTopics.TopicState topic : states) {
            messageRows.add(MultiGauge.Row.of(Tags.of("topic", topic.name()), topic.messages()));
            long end = topic.partitions().stream()
                    .mapToLong(KafkaTopics.PartitionState::endOffset)
                    .sum();
            endRows.add(MultiGauge.Row.of(Tags.of("topic", topic.name()), end));
            for (KafkaTopics.GroupLag group : topic.consumerGroups()) {
                for (KafkaTopics.PartitionLag partition : group.partitions()) {
                    lagRows.add(MultiGauge.Row.of(
                            Tags.of(
                                    "group",
                                    group.groupId(),
                                    "topic",
                                    topic.name(),
                                    "partition",
                                    Integer.toString(partition.partition())),
                            partition.lag()));
                }
            }
        }
        lag.register(lagRows, true);
        messages.register(messageRows, true);
        endOffsets.register(endRows, true);
    }
}
