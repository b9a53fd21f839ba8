package com.boxncase.invites.api.invite;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;

/**
 * Concurrent single creates share their MongoDB round trip (a group commit). A create that finds no insert in flight
 * writes its invite at once; creates that arrive while one is in flight queue, and when it returns the first of them
 * writes the whole queue (up to {@value #MAX_BATCH}) in one unordered bulk insert through {@link Invites#insertAll}.
 * So a create on a quiet service waits for nothing, and under load the driver, the network and the database handle one
 * command per batch rather than per invite; a create waits at most for the insert in flight before its own.
 *
 * <p>Each invite keeps its own outcome: a duplicate id or an open invite for the same email refuses that invite only.
 * A failure of the write itself (MongoDB unavailable) fails every create of that batch, as each would have failed
 * writing alone, and nothing of theirs was acknowledged.
 */
@Component
class SharedInserts {

    /** Large enough to absorb every create a busy instance has in flight, small enough to keep one command small. */
    static final int MAX_BATCH = 128;

    private final Invites invites;
    private final Object lock = new Object();
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    /** Whether a batch is being written; guarded by {@link #lock}. */
    private boolean writing;

    SharedInserts(Invites invites) {
        this.invites = invites;
    }

    /** Writes a new invite, with whatever other creates are waiting, and returns what became of it. */
    InsertOutcome insert(Invite invite) {
        Waiting mine = new Waiting(invite);
        synchronized (lock) {
            queue.add(mine);
            if (!writing) {
                writing = true;
                mine.turn.complete(null);
            }
        }
        // join, not get: a create that is handed the turn must write, so waiting for it cannot be interrupted
        CompletableFuture.anyOf(mine.turn, mine.outcome)
                .exceptionally(failure -> null)
                .join();
        if (!mine.outcome.isDone()) {
            writeQueue();
        }
        try {
            return mine.outcome.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Creates waiting for their turn behind the insert in flight. */
    int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** Writes the queue's head batch (the caller's invite first), then hands the turn on or ends it. */
    private void writeQueue() {
        List<Waiting> batch = new ArrayList<>();
        synchronized (lock) {
            while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(queue.poll());
            }
        }
        try {
            List<InsertOutcome> outcomes =
                    invites.insertAll(batch.stream().map(Waiting::invite).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome.complete(outcomes.get(i));
            }
        } catch (RuntimeException | Error failure) {
            batch.forEach(waiting -> waiting.outcome.completeExceptionally(failure));
        } finally {
            synchronized (lock) {
                Waiting next = queue.peek();
                if (next == null) {
                    writing = false;
                } else {
                    next.turn.complete(null);
                }
            }
        }
    }

    private record Waiting(Invite invite, CompletableFuture<Void> turn, CompletableFuture<InsertOutcome> outcome) {
        Waiting(Invite invite) {
            this(invite, new CompletableFuture<>(), new CompletableFuture<>());
        }
    }
}
