package com.boxncase.invites.notifier.ledger;

import com.boxncase.invites.contracts.Channel;

/** Which ledger entry: one command on one channel, for one invite. */
public record LedgerKey(String commandId, Channel channel, String inviteId) {

    /** The entry's {@code _id}. */
    public String id() {
        return NotifyLedger.id(commandId, channel);
    }
}
