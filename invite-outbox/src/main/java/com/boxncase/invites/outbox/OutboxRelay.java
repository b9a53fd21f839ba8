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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    /** Messages being published right now, so the fast path and the sweep do not race on the same one. */
    private final ConcurrentHashMap.KeySetView<String, Boolean> inFlight = ConcurrentHashMap.newKeySet();

    private volatile Instant kafkaFailedAt = Instant.EPOCH;

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
    }

    void publishSoon(String documentId, List<OutboxMessage> messages) {
        if (kafkaRecentlyFailed()) {
            return; // the sweep will take them once Kafka is back; don't stack up blocked sends
        }
        try {
            fastPath.execute(() -> publish(documentId, messages));
        } catch (RejectedExecutionException full) {
            log.debug("outbox fast path is full; the sweep will publish document {}", documentId);
        }
    }

    /** Publishes every message older than the grace period. Returns how many were published. */
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
                int sent = publish(document.get("_id").toString(), messagesOf(document));
                if (sent < 0) {
                    break; // Kafka is unavailable: stop this run instead of timing out on every document
                }
                count += sent;
            }
        } catch (RuntimeException e) {
            log.warn("outbox sweep failed, will retry: {}", e.toString());
        }
        if (count > 0) {
            log.info("outbox sweep published {} message(s)", count);
        }
        return count;
    }

    /** Sends in order, waits for the acknowledgements, then removes the acknowledged messages. */
    private int publish(String documentId, List<OutboxMessage> messages) {
        List<OutboxMessage> mine = new ArrayList<>();
        for (OutboxMessage message : messages) {
            if (inFlight.add(message.messageId())) {
                mine.add(message);
            }
        }
        if (mine.isEmpty()) {
            return 0;
        }
        List<String> acknowledged = new ArrayList<>();
        try {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (OutboxMessage message : mine) {
                ProducerRecord<String, String> record =
                        new ProducerRecord<>(message.topic(), message.key(), message.payload());
                record.headers().add("message-type", message.type().getBytes(StandardCharsets.UTF_8));
                record.headers().add("message-id", message.messageId().getBytes(StandardCharsets.UTF_8));
                if (message.headers() != null) {
                    message.headers()
                            .forEach((name, value) ->
                                    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
                }
                sends.add(kafka.send(record));
            }
            for (int i = 0; i < sends.size(); i++) {
                sends.get(i).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.add(mine.get(i).messageId());
            }
        } catch (Exception e) {
            kafkaFailedAt = clock.instant();
            failures.increment();
            log.warn("Kafka did not acknowledge outbox of document {}, will retry: {}", documentId, e.toString());
        } finally {
            try {
                remove(documentId, acknowledged);
            } finally {
                mine.forEach(message -> inFlight.remove(message.messageId()));
            }
        }
        published.increment(acknowledged.size());
        return acknowledged.size() < mine.size() ? -1 : acknowledged.size();
    }

    private void remove(String documentId, List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        Update update = new Update()
                .pull("outbox", new Document("messageId", new Document("$in", messageIds)))
                .inc("version", 1);
        mongo.updateFirst(new Query(Criteria.where("_id").is(documentId)), update, properties.collection());
    }

    private boolean kafkaRecentlyFailed() {
        return kafkaFailedAt.isAfter(clock.instant().minus(properties.grace()));
    }

    private static List<OutboxMessage> messagesOf(Document document) {
        List<OutboxMessage> messages = new ArrayList<>();
        for (Document entry : document.getList("outbox", Document.class, List.of())) {
            messages.add(new OutboxMessage(
                    entry.getString("messageId"),
                    entry.getString("topic"),
                    entry.getString("key"),
                    entry.getString("type"),
                    entry.getString("payload"),
                    entry.getDate("createdAt").toInstant(),
                    headersOf(entry)));
        }
        return messages;
    }

    /** The stored trace headers; documents written before tracing have none. */
    private static Map<String, String> headersOf(Document entry) {
        Document headers = entry.get("headers", Document.class);
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        Map<String, String> strings = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (value != null) {
                strings.put(name, value.toString());
            }
        });
        return strings;
    }

    @Override
    public void close() {
        fastPath.shutdown();
    }
}
