package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.document.InviteSnapshot;
import java.util.concurrent.CompletableFuture;

/**
 * What is a channel's own in a delivery: whether it has anything to send to an invite, whether it can send at all,
 * and how its message is composed and handed to the provider. Everything else (the ledger, the checks every channel
 * shares, status events, retries) is {@link BatchDelivery}'s.
 */
interface ChannelDelivery {

    Channel channel();

    /** Why this channel has nothing to send to {@code invite} (the delivery is SKIPPED), or null. */
    default String reasonToSkip(InviteSnapshot invite) {
        return null;
    }

    /** Why this channel cannot send at all (the delivery FAILS at once, without retries), or null. */
    default String reasonNotToAttempt() {
        return null;
    }

    /**
     * Renders the message and hands it to the provider without waiting for it.
     *
     * @return completes with the provider message id, or exceptionally with a {@link TransientDeliveryFailure} or a
     *     {@link PermanentDeliveryFailure}
     */
    CompletableFuture<String> send(Invitation invitation);
}
