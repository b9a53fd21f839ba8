package com.boxncase.invites.notifier.ledger;

import com.boxncase.invites.contracts.DeliveryState;

/** What the notifier has done so far for one command on one channel. */
public record LedgerEntry(DeliveryState state, int attempts, String providerMessageId, String lastError) {

    /** Whether the command is finished on this channel: it must not be sent (again). */
    public boolean isDone() {
        return state.isTerminal();
    }
}
