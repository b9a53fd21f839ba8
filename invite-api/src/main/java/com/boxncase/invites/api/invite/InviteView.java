package com.boxncase.invites.api.invite;

import com.boxncase.invites.contracts.Actor;
import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.document.DeliveryRecord;
import com.boxncase.invites.document.InviteStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * One row of the Pending Invites table. {@code deliveries} is where each channel's delivery of the latest invitation
 * or resend ({@code deliveryKind}) stands, {@code delivery} the first of them (the one a single-channel store has);
 * {@code reminders} the same for the latest reminder, kept apart so a reminder never hides how the invitation went.
 * {@code purgeAt}: for an EXPIRED invite, when it leaves the table (it can be resent until then).
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
        Instant purgeAt,
        Actor invitedBy,
        Instant lastSentAt,
        int sendCount,
        NotifyReason deliveryKind,
        DeliveryView delivery,
        List<DeliveryView> deliveries,
        List<DeliveryView> reminders) {

    /**
     * @param nextAttemptAt while RETRYING, when the next attempt is due
     */
    record DeliveryView(
            DeliveryState state,
            Channel channel,
            int attempts,
            String lastError,
            Instant updatedAt,
            Instant nextAttemptAt) {

        static DeliveryView of(DeliveryRecord delivery) {
            return new DeliveryView(
                    delivery.state(),
                    delivery.channel(),
                    delivery.attempts(),
                    delivery.lastError(),
                    delivery.updatedAt(),
                    delivery.nextAttemptAt());
        }

        static List<DeliveryView> all(Collection<DeliveryRecord> deliveries) {
            return deliveries.stream().map(DeliveryView::of).toList();
        }
    }

    static InviteView of(Invite invite, Instant now) {
        List<DeliveryView> deliveries = DeliveryView.all(invite.deliveries().values());
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
                invite.purgeAt(),
                invite.invitedBy(),
                invite.lastSentAt(),
                invite.sendCount(),
                invite.commandReason(),
                deliveries.isEmpty() ? null : deliveries.get(0),
                deliveries,
                DeliveryView.all(invite.reminderDeliveries().values()));
    }

    /** A page of the table and the cursor of the next one (null on the last page). */
    record Page(List<InviteView> items, String nextCursor) {}
}
