package com.boxncase.invites.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchAcknowledgingMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.support.Acknowledgment;

/**
 * One listener container per retry topic of the {@link RetrySchedule}, each in its own consumer group, so a topic
 * whose next command is not due yet never holds back another. A poll's records that are due are delivered as one
 * batch by the same {@link BatchDelivery} as the main topic; at the first record that is not due, the container
 * commits what came before it and pauses until that record is due ({@link Acknowledgment#nack(int, Duration)}, which
 * keeps polling, so a five-minute wait costs no rebalance). Records of one topic are due in the order they were
 * written, so a pause holds back little that is already due.
 *
 * <p>They are batch listeners, not record listeners: after an outage of the mail relay, hundreds of commands a second
 * come due on these topics, and they are delivered at the main topic's rate.
 */
class RetryListeners implements SmartLifecycle {

    private static final Duration SHORTEST_PAUSE = Duration.ofMillis(10);

    private final List<ConcurrentMessageListenerContainer<String, byte[]>> containers = new ArrayList<>();
    private final BatchDelivery delivery;
    private final RetryChain chain;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean running;

    RetryListeners(
            ConcurrentKafkaListenerContainerFactory<String, byte[]> factory,
            RetrySchedule schedule,
            String groupId,
            BatchDelivery delivery,
            RetryChain chain) {
        this.delivery = delivery;
        this.chain = chain;
        for (String topic : schedule.topics()) {
            ConcurrentMessageListenerContainer<String, byte[]> container = factory.createContainer(topic);
            String name = topic.substring(topic.indexOf("-retry-") + 1);
            container.setBeanName("notify-" + name);
            container.getContainerProperties().setGroupId(groupId + "-" + name);
            container.setupMessageListener((BatchAcknowledgingMessageListener<String, byte[]>) this::onBatch);
            containers.add(container);
        }
    }

    void onBatch(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack) {
        Instant now = clock.instant();
        int due = 0;
        Instant nextDue = null;
        for (; due < records.size(); due++) {
            Instant dueAt = chain.dueAt(records.get(due));
            if (dueAt != null && dueAt.isAfter(now)) {
                nextDue = dueAt;
                break;
            }
        }
        if (due > 0) {
            delivery.deliver(records.subList(0, due));
        }
        if (nextDue == null) {
            ack.acknowledge();
        } else {
            Duration wait = Duration.between(clock.instant(), nextDue);
            ack.nack(due, wait.compareTo(SHORTEST_PAUSE) < 0 ? SHORTEST_PAUSE : wait);
        }
    }

    @Override
    public void start() {
        containers.forEach(ConcurrentMessageListenerContainer::start);
        running = true;
    }

    @Override
    public void stop() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop with the other listener containers, before the senders and the producer
        return AbstractMessageListenerContainer.DEFAULT_PHASE;
    }
}
