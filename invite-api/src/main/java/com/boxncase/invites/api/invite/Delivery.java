package com.boxncase.invites.api.invite;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import java.time.Instant;

/**
 * Where one channel's delivery of the invite's latest command stands, as the pending table shows it.
 * {@code progress} is {@link DeliveryState#progress(int)}, stored so a conditional update can refuse to go
 * backwards.
 */
record Delivery(
        DeliveryState state,
        Channel channel,
        int attempts,
        String lastError,
        Instant updatedAt,
        long progress,
        String commandId,
        String providerMessageId) {

    static Delivery queued(Channel channel, String commandId, Instant now) {
        return new Delivery(DeliveryState.QUEUED, channel, 0, null, now, 0, commandId, null);
    }
}
