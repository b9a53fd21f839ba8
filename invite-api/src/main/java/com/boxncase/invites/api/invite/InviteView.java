package com.boxncase.invites.api.invite;

import com.boxncase.invites.contracts.Actor;
import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import java.time.Instant;
import java.util.List;

/**
 * One row of the Pending Invites table. {@code delivery} is the first channel's delivery (the one a
 * single-channel store has); {@code deliveries} lists every channel's.
 */
record InviteView(
        String id,
        String storeId,
        String email,
        String phone,
        String role,
        String locale,
        InviteStatus status,
        Instant createdAt,
        Instant expiresAt,
        Actor invitedBy,
        Instant lastSentAt,
        int sendCount,
        DeliveryView delivery,
        List<DeliveryView> deliveries) {

    record DeliveryView(DeliveryState state, Channel channel, int attempts, String lastError, Instant updatedAt) {

        static DeliveryView of(Delivery delivery) {
            return new DeliveryView(
                    delivery.state(),
                    delivery.channel(),
                    delivery.attempts(),
                    delivery.lastError(),
                    delivery.updatedAt());
        }
    }

    static InviteView of(Invite invite, Instant now) {
        List<DeliveryView> deliveries =
                invite.deliveries().values().stream().map(DeliveryView::of).toList();
        return new InviteView(
                invite.id(),
                invite.storeId(),
                invite.email(),
                invite.phone(),
                invite.role(),
                invite.locale(),
                invite.statusAt(now),
                invite.createdAt(),
                invite.expiresAt(),
                invite.invitedBy(),
                invite.lastSentAt(),
                invite.sendCount(),
                deliveries.isEmpty() ? null : deliveries.get(0),
                deliveries);
    }

    /** A page of the table and the cursor of the next one (null on the last page). */
    record Page(List<InviteView> items, String nextCursor) {}
}
