package com.boxncase.invites.notifier.ledger;

import com.boxncase.invites.contracts.DeliveryState;

/**
 * What the notifier has done so far for one command on one channel.
 *
 * @param state RETRYING while the command waits on a retry topic, or the outcome (SENDING only in entries of
 *     notifiers that claimed each attempt before making it; such an entry is attempted again like a due retry)
 * @param attempts the number of the latest attempt (1 for the first)
 */
public record LedgerEntry(String id, DeliveryState state, int attempts, String providerMessageId, String lastError) {

    /** Whether the command is finished on this channel: it must not be sent (again). */
    public boolean isDone() {
        return state.isTerminal();
    }
}
