package com.boxncase.invites.expiry.expiry;

import static com.boxncase.invites.expiry.InviteFixtures.pendingInvite;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxncase.invites.contracts.InviteEvent;
import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.expiry.ExpiryProperties;
import com.boxncase.invites.expiry.KafkaTopic;
import com.boxncase.invites.expiry.WorkerTest;
import com.boxncase.invites.outbox.Outbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ExpiryJobTest extends WorkerTest {

    @Autowired
    ExpiryJob expiry;

    @Autowired
    Outbox outbox;

    @Autowired
    ExpiryProperties properties;

    @Test
    void overdueInvitesExpireAndPublishOneEventEachEvenWithTwoInstancesRunning() throws Exception {
        List<Document> overdue = IntStream.range(0, 30)
                .mapToObj(i -> insert(pendingInvite(START.minus(Duration.ofDays(8)))))
                .toList();
        Document notYetDue = insert(pendingInvite(START.minus(Duration.ofDays(6))));
        ExpiryJob secondInstance = new ExpiryJob(mongo, outbox, clock, properties, new SimpleMeterRegistry());

        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> runAfter(start, expiry));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> runAfter(start, secondInstance));

        assertThat(first.get() + second.get()).isEqualTo(overdue.size());
        for (Document before : overdue) {
            Document after = invite(id(before));
            assertThat(after.getString("status")).isEqualTo("EXPIRED");
            assertThat(after.getDate("expiredAt")).isEqualTo(Date.from(START));
            assertThat(after.getDate("purgeAt"))
                    .as("the pending table can say when the expired invite disappears")
                    .isEqualTo(Date.from(before.getDate("expiresAt").toInstant().plus(Duration.ofDays(90))));
            assertThat(after.getString("openKey")).isEqualTo(before.getString("openKey"));
            assertThat(after.getLong("version")).isGreaterThan(before.getLong("version"));
        }
        assertThat(invite(id(notYetDue)).getString("status")).isEqualTo("PENDING");

        awaitOutboxPublished();
        Map<String, List<ConsumerRecord<String, String>>> eventsByInvite =
                KafkaTopic.records(kafka, Topics.EVENTS).stream().collect(Collectors.groupingBy(ConsumerRecord::key));
        for (Document invite : overdue) {
            List<ConsumerRecord<String, String>> events = eventsByInvite.getOrDefault(id(invite), List.of());
            assertThat(events).hasSize(1);
            InviteEvent event = payload(events.get(0).value(), InviteEvent.class);
            assertThat(event.type()).isEqualTo(InviteEvent.Type.EXPIRED);
            assertThat(event.schemaVersion()).isEqualTo(1);
            assertThat(event.inviteId()).isEqualTo(id(invite));
            assertThat(event.storeId()).isEqualTo(invite.getString("storeId"));
            assertThat(event.actor().id()).isEqualTo("system:expiry-worker");
            assertThat(event.occurredAt()).isEqualTo(START);
        }
        assertThat(eventsByInvite).doesNotContainKey(id(notYetDue));
    }

    @Test
    void anInviteIsExpiredOnlyOnceAcrossRuns() {
        Document overdue = insert(pendingInvite(START.minus(Duration.ofDays(7))));

        assertThat(expiry.run()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(expiry.run()).isZero();

        awaitOutboxPublished();
        assertThat(KafkaTopic.recordsWithKey(kafka, Topics.EVENTS, id(overdue))).hasSize(1);
    }

    @Test
    void aResentInviteWhoseExpiryMovedIsNotExpired() {
        Instant created = START.minus(Duration.ofDays(8));
        Document resent = insert(pendingInvite(created).expiresAt(START.plus(Duration.ofDays(7))));

        assertThat(expiry.run()).isZero();
        assertThat(invite(id(resent)).getString("status")).isEqualTo("PENDING");
    }

    @Test
    void backlogCountsOverdueInvitesNotYetExpired() {
        insert(pendingInvite(START.minus(Duration.ofDays(8))));
        insert(pendingInvite(START.minus(Duration.ofDays(9))));
        insert(pendingInvite(START));

        assertThat(expiry.backlog()).isEqualTo(2);
        expiry.run();
        assertThat(expiry.backlog()).isZero();
    }

    private static int runAfter(CyclicBarrier start, ExpiryJob job) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return job.run();
    }
}
