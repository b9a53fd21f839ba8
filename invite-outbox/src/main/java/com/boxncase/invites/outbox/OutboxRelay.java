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
import java.util.concurrent.ConcurrentHashMap;
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
 * acknowledged. Two paths share the work: a fast path right after each write, and a sweep that finds whatever
 * is still waiting (Kafka was down, the fast path's queue was full, the process died mid-way, another instance
 * wrote it). The sweep queries the collection only when something may be waiting: at start-up, after a Kafka
 * failure or a full queue, and otherwise every {@code idle-sweep-interval} for what other instances left.
 *
 * <p>Removing an acknowledged message is a write of its document. When the same service writes that document
 * again soon anyway (invite-api's projections apply the delivery status a moment later), the removal rides
 * along: {@link #takeAcknowledged} hands the message ids to that write, which {@code $pull}s them. What no later
 * write takes within {@code removal-delay} the relay removes itself, many documents per round trip.
 *
 * <p>Delivery is at least once: a crash between Kafka's acknowledgement and the {@code $pull} republishes,
 * and two instances may both sweep one document. Consumers dedupe on the message id.
 */
public class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** The array of waiting messages in each document. */
    public static final String FIELD = "outbox";

    private static final long REMOVER_TICK_MILLIS = 50;
    private static final int MAX_REMOVALS_PER_BULK = 1000;

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
    /** Acknowledged by Kafka, by document, waiting to be removed by a later write or by the relay itself. */
    private final ConcurrentHashMap<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();

    private final Thread remover;
    private volatile boolean running = true;
    private volatile Instant kafkaFailedAt = Instant.EPOCH;
    /** Whether something may be waiting that only a sweep will find; true at start-up. */
    private volatile boolean sweepDue = true;

    private volatile long lastSweepNanos = System.nanoTime();

    private record Acknowledged(List<String> messageIds, long firstAckNanos) {

        Acknowledged plus(String messageId) {
            List<String> ids = new ArrayList<>(messageIds);
            ids.add(messageId);
            return new Acknowledged(ids, firstAckNanos);
        }
    }

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
            sweepDue = true;
            log.debug("outbox fast path is full; the sweep will publish document {}", documentId);
        }
    }

    /**
     * The acknowledged messages of {@code documentId} not yet removed, for a write of that document that is about
     * to happen anyway to {@code $pull} them. The caller reports the outcome: {@link #removed} once its write
     * succeeded, {@link #giveBack} if it did not write, and the relay removes them itself.
     */
    public List<String> takeAcknowledged(String documentId) {
        Acknowledged taken = acknowledged.remove(documentId);
        return taken == null ? List.of() : taken.messageIds();
    }

    /** What a write {@code $pull}s from {@link #FIELD} to remove these acknowledged messages. */
    public static Document removalOf(List<String> messageIds) {
        return new Document("messageId", new Document("$in", messageIds));
    }

    /** A write took the messages out of their document (see {@link #takeAcknowledged}). */
    public void removed(List<String> messageIds) {
        messageIds.forEach(inFlight::remove);
        published.increment(messageIds.size());
    }

    /** A write meant to remove these messages did not happen; the relay removes them. */
    public void giveBack(String documentId, List<String> messageIds) {
        for (String messageId : messageIds) {
            acknowledge(documentId, messageId, 0);
        }
    }

    /** Sweeps when something may be waiting (see the class comment); called on every sweep-interval tick. */
    @Scheduled(
            fixedDelayString = "${invites.outbox.sweep-interval:1s}",
            initialDelayString = "${invites.outbox.sweep-interval:1s}")
    void sweepIfDue() {
        boolean idleSweep = System.nanoTime() - lastSweepNanos
                >= properties.idleSweepInterval().toNanos();
        if (sweepDue || idleSweep) {
            sweepDue = false;
            int handed = sweep();
            if (handed > 0) {
                sweepDue = true; // there may be more than one batch
            }
        }
    }

    /** Publishes every unclaimed message older than the grace period. Returns how many it handed to Kafka. */
    public int sweep() {
        lastSweepNanos = System.nanoTime();
        Instant cutoff = clock.instant().minus(properties.grace());
        Query waiting = new Query(Criteria.where(FIELD + ".createdAt").lt(cutoff)).limit(properties.batchSize());
        waiting.fields().include(FIELD);
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
            sweepDue = true;
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
                        acknowledge(documentId, message.messageId(), System.nanoTime());
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

    private void acknowledge(String documentId, String messageId, long nanos) {
        acknowledged.merge(
                documentId, new Acknowledged(List.of(messageId), nanos), (waiting, added) -> waiting.plus(messageId));
    }

    private void kafkaFailed(String documentId, Throwable failure) {
        kafkaFailedAt = clock.instant();
        sweepDue = true;
        failures.increment();
        log.warn("Kafka did not acknowledge outbox of document {}, will retry: {}", documentId, failure.toString());
    }

    /**
     * Removes the acknowledged messages that no later write took within {@code removal-delay}, many documents per
     * MongoDB round trip. If MongoDB is unavailable the messages stay in their documents and the sweep publishes
     * them again (consumers dedupe on the message id).
     */
    private void removeAcknowledged() {
        while (running || !acknowledged.isEmpty()) {
            Map<String, List<String>> batch = new LinkedHashMap<>();
            try {
                Thread.sleep(REMOVER_TICK_MILLIS);
                long dueBefore =
                        running ? System.nanoTime() - properties.removalDelay().toNanos() : Long.MAX_VALUE;
                for (Map.Entry<String, Acknowledged> entry : acknowledged.entrySet()) {
                    if (entry.getValue().firstAckNanos() <= dueBefore && batch.size() < MAX_REMOVALS_PER_BULK) {
                        Acknowledged taken = acknowledged.remove(entry.getKey());
                        if (taken != null) {
                            batch.put(entry.getKey(), taken.messageIds());
                        }
                    }
                }
                if (!batch.isEmpty()) {
                    remove(batch);
                    published.increment(
                            batch.values().stream().mapToInt(List::size).sum());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                sweepDue = true;
                log.warn(
                        "could not remove the published outbox messages of {} document(s); the sweep will republish"
                                + " them: {}",
                        batch.size(),
                        e.toString());
            } finally {
                batch.values().forEach(ids -> ids.forEach(inFlight::remove));
            }
        }
    }

    private void remove(Map<String, List<String>> byDocument) {
        BulkOperations removals = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, properties.collection());
        byDocument.forEach((documentId, messageIds) -> removals.updateOne(
                new Query(Criteria.where("_id").is(documentId)),
                new Update().pull(FIELD, removalOf(messageIds)).inc("version", 1)));
        removals.execute();
    }

    private boolean kafkaRecentlyFailed() {
        return kafkaFailedAt.isAfter(clock.instant().minus(properties.grace()));
    }

    private static List<OutboxMessage> messagesOf(Document document) {
        return document.getList(FIELD, Document.class, List.of()).stream()
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
