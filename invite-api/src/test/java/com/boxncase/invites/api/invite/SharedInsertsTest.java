package com.boxncase.invites.api.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.ServerAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedInsertsTest {

    private final ExecutorService requests = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        requests.shutdownNow();
    }

    @Test
    void aCreateOnAQuietServiceIsWrittenAtOnceAlone() {
        RecordingInvites invites = new RecordingInvites(batch -> inserted(batch));
        Invite invite = new Invite();

        InsertOutcome outcome = new SharedInserts(invites).insert(invite);

        assertThat(outcome.kind()).isEqualTo(InsertOutcome.Kind.INSERTED);
        assertThat(outcome.invite()).isSameAs(invite);
        assertThat(invites.batches).containsExactly(List.of(invite));
    }

    @Test
    void createsArrivingWhileAnInsertIsInFlightShareTheNextInsertAndKeepTheirOwnOutcomes() throws Exception {
        CountDownLatch firstInFlight = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        Invite refused = new Invite();
        RecordingInvites invites = new RecordingInvites(batch -> {
            if (firstInFlight.getCount() > 0) {
                firstInFlight.countDown();
                await(releaseFirst);
            }
            List<InsertOutcome> outcomes = new ArrayList<>();
            for (Invite invite : batch) {
                outcomes.add(
                        invite == refused
                                ? InsertOutcome.openInviteExists(invite, "open-1", java.time.Instant.EPOCH)
                                : InsertOutcome.inserted(invite));
            }
            return outcomes;
        });
        SharedInserts shared = new SharedInserts(invites);
        Invite first = new Invite();
        CompletableFuture<InsertOutcome> firstOutcome = create(shared, first);
        assertThat(firstInFlight.await(5, TimeUnit.SECONDS)).isTrue();

        List<Invite> waiting = List.of(new Invite(), refused, new Invite());
        List<CompletableFuture<InsertOutcome>> waitingOutcomes = new ArrayList<>();
        for (Invite invite : waiting) {
            waitingOutcomes.add(create(shared, invite));
        }
        awaitQueued(shared, waiting.size());
        releaseFirst.countDown();

        assertThat(firstOutcome.get(5, TimeUnit.SECONDS).kind()).isEqualTo(InsertOutcome.Kind.INSERTED);
        assertThat(waitingOutcomes.get(0).get(5, TimeUnit.SECONDS).kind()).isEqualTo(InsertOutcome.Kind.INSERTED);
        assertThat(waitingOutcomes.get(1).get(5, TimeUnit.SECONDS).kind())
                .isEqualTo(InsertOutcome.Kind.OPEN_INVITE_EXISTS);
        assertThat(waitingOutcomes.get(2).get(5, TimeUnit.SECONDS).kind()).isEqualTo(InsertOutcome.Kind.INSERTED);
        assertThat(invites.batches).hasSize(2);
        assertThat(invites.batches.get(0)).containsExactly(first);
        assertThat(invites.batches.get(1)).containsExactlyInAnyOrderElementsOf(waiting);
    }

    @Test
    void aFailedWriteFailsEveryCreateOfItsBatchAndTheNextCreateWritesAgain() {
        MongoSocketOpenException down = new MongoSocketOpenException("refused", new ServerAddress());
        boolean[] failNext = {true};
        RecordingInvites invites = new RecordingInvites(batch -> {
            if (failNext[0]) {
                failNext[0] = false;
                throw down;
            }
            return inserted(batch);
        });
        SharedInserts shared = new SharedInserts(invites);

        assertThatThrownBy(() -> shared.insert(new Invite())).isSameAs(down);
        assertThat(shared.insert(new Invite()).kind()).isEqualTo(InsertOutcome.Kind.INSERTED);
        assertThat(invites.batches).hasSize(2);
    }

    private CompletableFuture<InsertOutcome> create(SharedInserts shared, Invite invite) {
        return CompletableFuture.supplyAsync(() -> shared.insert(invite), requests);
    }

    /** Waits until {@code count} creates are queued behind the insert in flight. */
    private static void awaitQueued(SharedInserts shared, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (shared.queued() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(shared.queued()).isEqualTo(count);
    }

    private static List<InsertOutcome> inserted(List<Invite> batch) {
        return batch.stream().map(InsertOutcome::inserted).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The invite store, answering each bulk insert with {@code answer} and remembering the batches it was given. */
    private static final class RecordingInvites extends Invites {
        private final Function<List<Invite>, List<InsertOutcome>> answer;
        final List<List<Invite>> batches = java.util.Collections.synchronizedList(new ArrayList<>());

        RecordingInvites(Function<List<Invite>, List<InsertOutcome>> answer) {
            super(null, null);
            this.answer = answer;
        }

        @Override
        List<InsertOutcome> insertAll(List<Invite> batch) {
            batches.add(List.copyOf(batch));
            return answer.apply(batch);
        }
    }
}
