package com.boxncase.invites.notifier.ledger;

import com.boxncase.invites.contracts.DeliveryState;
import java.time.Instant;

/**
 * Where one command's delivery on one channel ended up after an attempt.
 *
 * @param state RETRYING while the command waits on a retry topic, or the outcome
 * @param attempt the number of the attempt (1 for the first)
 * @param nextAttemptAt for RETRYING, when the retry topic hands the command back
 */
public record LedgerOutcome(
        LedgerKey key,
        DeliveryState state,
        int attempt,
        String providerMessageId,
        String error,
        Instant nextAttemptAt) {

    /** The entry's {@code _id}. */
    public String id() {
        return key.id();
    }
}
