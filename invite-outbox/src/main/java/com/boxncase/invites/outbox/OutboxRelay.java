package com.boxncase.invites.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Publishes outbox messages to Kafka ({@code acks=all}) and removes them from their document once
 * acknowledged. Two paths share the work: a fast path right after each write, and a periodic sweep that
 * finds whatever is still waiting (Kafka was down, the process died mid-way, another instance wrote it).
 *
 * <p>Delivery is at least once: a crash between Kafka's acknowledgement and the {@code $pull} republishes,
 * and two instances may both sweep one document. Consumers dedupe on the message id.
 */
public class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties properties;
    private final Clock clock;
    private final Counter published;
    private final Counter failures;
    /** One thread keeps publish order per invite; a bounded queue keeps an outage from filling the heap. */
    private final ThreadPoolExecutor fastPath;
    /**
     * Messages claimed for publication, from the moment the fast path queues them until they are removed
     * from their document or given back, so the sweep never republishes one that is merely waiting its turn.
     */
    private final ConcurrentHashMap.KeySetView<String, Boolean> inFlight = ConcurrentHashMap.newKeySet();
    /** Acknowledged by Kafka, waiting to be removed from their documents in the next batch. */
    private final BlockingQueue<Acknowledged> acknowledged = new LinkedBlockingQueue<>();

    private final Thread remover;
    private volatile boolean running = true;
    private volatile Instant kafkaFailedAt = Instant.EPOCH;

    private record Acknowledged(String documentId, String messageId) {}

    public OutboxRelay(
            MongoTemplate mongo,
            KafkaTemplate<String, String> kafka,
            OutboxProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
        this.published = meters.counter("invites.outbox.published");
        this.failures = meters.counter("invites.outbox.failures");
        this.fastPath = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(10_000),
                runnable -> new Thread(runnable, "outbox-relay"));
        this.remover = new Thread(this::removeAcknowledged, "outbox-remover");
        this.remover.setDaemon(true);
        this.remover.start();
    }

    void publishSoon(String documentId, List<OutboxMessage> messages) {
        if (kafkaRecentlyFailed()) {
            return; // the sweep will take them once Kafka is back; don't stack up blocked sends
        }
        List<OutboxMessage> claimed = claim(messages);
        if (claimed.isEmpty()) {
            return;
        }
        try {
            fastPath.execute(() -> send(documentId, claimed));
        } catch (RejectedExecutionException full) {
            release(claimed);
            log.debug("outbox fast path is full; the sweep will publish document {}", documentId);
        }
    }

    /** Publishes every unclaimed message older than the grace period. Returns how many it handed to Kafka. */
    @Scheduled(
            fixedDelayString = "${invites.outbox.sweep-interval:1s}",
            initialDelayString = "${invites.outbox.sweep-interval:1s}")
    public int sweep() {
        Instant cutoff = clock.instant().minus(properties.grace());
        Query waiting = new Query(Criteria.where("outbox.createdAt").lt(cutoff)).limit(properties.batchSize());
        waiting.fields().include("outbox");
        int count = 0;
        try {
            for (Document document : mongo.find(waiting, Document.class, properties.collection())) {
                List<OutboxMessage> claimed = claim(messagesOf(document));
                if (claimed.isEmpty()) {
                    continue;
                }
                if (!send(document.get("_id").toString(), claimed)) {
                    break; // Kafka is unavailable: stop this run instead of timing out on every document
                }
                count += claimed.size();
            }
        } catch (RuntimeException e) {
            log.warn("outbox sweep failed, will retry: {}", e.toString());
        }
        if (count > 0) {
            log.info("outbox sweep handed {} message(s) to Kafka", count);
        }
        return count;
    }

    private List<OutboxMessage> claim(List<OutboxMessage> messages) {
        List<OutboxMessage> claimed = new ArrayList<>();
        for (OutboxMessage message : messages) {
            if (inFlight.add(message.messageId())) {
                claimed.add(message);
            }
        }
        return claimed;
    }

    private void release(List<OutboxMessage> messages) {
        messages.forEach(message -> inFlight.remove(message.messageId()));
    }

    /**
     * Sends in order without waiting: Kafka's acknowledgements queue the messages for removal, failures give
     * them back to the sweep. Returns false when Kafka refused at once (e.g. no metadata: broker down).
     */
    private boolean send(String documentId, List<OutboxMessage> messages) {
        Instant lastFailure = kafkaFailedAt;
        for (int i = 0; i < messages.size(); i++) {
            if (kafkaFailedAt != lastFailure) {
                // The producer failed this very send (it reports a missing broker through the callback).
                release(messages.subList(i, messages.size()));
                return false;
            }
            OutboxMessage message = messages.get(i);
            try {
                kafka.send(record(message)).whenComplete((result, failure) -> {
                    if (failure == null) {
                        acknowledged.add(new Acknowledged(documentId, message.messageId()));
                    } else {
                        kafkaFailed(documentId, failure);
                        inFlight.remove(message.messageId());
                    }
                });
            } catch (RuntimeException refused) {
                kafkaFailed(documentId, refused);
                release(messages.subList(i, messages.size()));
                return false;
            }
        }
        return kafkaFailedAt == lastFailure;
    }

    private ProducerRecord<String, String> record(OutboxMessage message) {
        ProducerRecord<String, String> record = new ProducerRecord<>(message.topic(), message.key(), message.payload());
        record.headers().add("message-type", message.type().getBytes(StandardCharsets.UTF_8));
        record.headers().add("message-id", message.messageId().getBytes(StandardCharsets.UTF_8));
        if (message.headers() != null) {
            message.headers()
                    .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        }
        return record;
    }

    private void kafkaFailed(String documentId, Throwable failure) {
        kafkaFailedAt = clock.instant();
        failures.increment();
        log.warn("Kafka did not acknowledge outbox of document {}, will retry: {}", documentId, failure.toString());
    }

    /**
     * Removes acknowledged messages from their documents, many documents per MongoDB round trip. If MongoDB
     * is unavailable the messages stay in their documents and the sweep publishes them again (consumers
     * dedupe on the message id).
     */
    private void removeAcknowledged() {
        while (running || !acknowledged.isEmpty()) {
            List<Acknowledged> batch = new ArrayList<>();
            try {
                Acknowledged first = acknowledged.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                acknowledged.drainTo(batch, 999);
                remove(batch);
                published.increment(batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn(
                        "could not remove {} published outbox message(s); the sweep will republish them: {}",
                        batch.size(),
                        e.toString());
            } finally {
                batch.forEach(ack -> inFlight.remove(ack.messageId()));
            }
        }
    }

    private void remove(List<Acknowledged> batch) {
        Map<String, List<String>> byDocument = new LinkedHashMap<>();
        batch.forEach(ack -> byDocument
                .computeIfAbsent(ack.documentId(), id -> new ArrayList<>())
                .add(ack.messageId()));
        BulkOperations removals = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, properties.collection());
        byDocument.forEach((documentId, messageIds) -> removals.updateOne(
                new Query(Criteria.where("_id").is(documentId)),
                new Update()
                        .pull("outbox", new Document("messageId", new Document("$in", messageIds)))
                        .inc("version", 1)));
        removals.execute();
    }

    private boolean kafkaRecentlyFailed() {
        return kafkaFailedAt.isAfter(clock.instant().minus(properties.grace()));
    }

    private static List<OutboxMessage> messagesOf(Document document) {
        return document.getList("outbox", Document.class, List.of()).stream()
                .map(OutboxMessage::fromDocument)
                .toList();
    }

    @Override
    public void close() throws InterruptedException {
        fastPath.shutdown();
        fastPath.awaitTermination(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        kafka.flush();
        running = false;
        remover.join(properties.sendTimeout().toMillis());
    }
}
