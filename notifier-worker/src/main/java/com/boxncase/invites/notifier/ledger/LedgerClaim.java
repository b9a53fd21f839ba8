package com.boxncase.invites.notifier.ledger;

import com.boxncase.invites.contracts.Channel;

/** The start of attempt {@code attempt} of one command on one channel. */
public record LedgerClaim(String commandId, Channel channel, String inviteId, int attempt) {

    /** The ledger's key: one entry per command and channel. */
    public String id() {
        return NotifyLedger.id(commandId, channel);
    }
}
