package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@link Topics#NOTIFY} in batches ({@code invites.notifier.batch.*}, {@code invites.notifier.concurrency}
 * consumer threads). The batch's offsets are committed when {@link BatchDelivery} returns: by then every command of it
 * was sent, skipped, failed or handed to a retry topic, and Kafka has its status events. When it throws (MongoDB or
 * Kafka unavailable), the container tries the whole batch again with a growing pause, as long as it takes
 * ({@link NotifyKafkaConfig}).
 */
@Component
class NotifyListener {

    static final String ID = "notify";

    private final BatchDelivery delivery;

    NotifyListener(BatchDelivery delivery) {
        this.delivery = delivery;
    }

    @KafkaListener(id = ID, topics = Topics.NOTIFY, containerFactory = NotifyKafkaConfig.BATCH_FACTORY, batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        delivery.deliver(records);
    }
}
