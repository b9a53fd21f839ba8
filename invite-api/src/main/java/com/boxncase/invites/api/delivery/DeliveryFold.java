package com.boxncase.invites.api.delivery;

import static com.boxncase.invites.document.InviteDocument.COMMAND_ID;
import static com.boxncase.invites.document.InviteDocument.ID;
import static com.boxncase.invites.document.InviteDocument.LAST_SENT_AT;
import static com.boxncase.invites.document.InviteDocument.REMINDER_COMMAND_ID;
import static com.boxncase.invites.document.InviteDocument.SEND_COUNT;
import static com.boxncase.invites.document.InviteDocument.SENT_COMMAND_ID;
import static com.boxncase.invites.document.InviteDocument.VERSION;

import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.DeliveryStatusChanged;
import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.document.DeliveryRecord;
import com.boxncase.invites.document.InviteDocument;
import com.boxncase.invites.document.InviteSnapshot;
import com.boxncase.invites.outbox.OutboxRelay;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * What one invite's delivery-status events change, worked out in memory from the invite as read: events of a
 * command that is no longer current change nothing, a delivery only moves forward ({@link DeliveryState#progress}),
 * and the first SENT channel of an invitation or resend counts one send (reminders are not sends). The write that
 * results repeats those rules as its conditions, so it cannot undo a concurrent writer's change.
 */
final class DeliveryFold {

    private final InviteSnapshot invite;
    /** Field ({@code deliveries.EMAIL}, ...) to the delivery it gets, and the kind of command it belongs to. */
    private final Map<String, DeliveryRecord> deliveries = new LinkedHashMap<>();

    private final Map<String, NotifyReason> kinds = new LinkedHashMap<>();
    private DeliveryStatusChanged send;

    private DeliveryFold(InviteSnapshot invite) {
        this.invite = invite;
    }

    static DeliveryFold of(InviteSnapshot invite, List<DeliveryStatusChanged> events) {
        DeliveryFold fold = new DeliveryFold(invite);
        events.forEach(fold::add);
        return fold;
    }

    private void add(DeliveryStatusChanged event) {
        NotifyReason kind = invite.currentReasonOf(event.commandId());
        if (kind == null || event.channel() == null || event.state() == null) {
            return; // a superseded command (resent, reminded again or replayed since)
        }
        String field = InviteDocument.delivery(kind, event.channel());
        DeliveryRecord current = deliveries.get(field);
        if (current == null) {
            current = invite.deliveriesOf(kind).get(event.channel());
        }
        long progress = event.state().progress(event.attempt());
        if (current != null && event.commandId().equals(current.commandId()) && current.progress() >= progress) {
            return; // a duplicate, or late: the delivery is already further
        }
        deliveries.put(field, DeliveryRecord.of(event));
        kinds.put(field, kind);
        if (event.state() == DeliveryState.SENT
                && kind != NotifyReason.REMINDER
                && send == null
                && !event.commandId().equals(invite.sentCommandId())) {
            send = event;
        }
    }

    boolean changes() {
        return !deliveries.isEmpty();
    }

    /** The invite, still on the commands the events belong to, with every changed delivery still behind. */
    Query condition() {
        Document filter = new Document(ID, invite.id());
        if (kinds.containsValue(NotifyReason.INVITE) || kinds.containsValue(NotifyReason.RESEND)) {
            filter.append(COMMAND_ID, invite.commandId());
        }
        if (kinds.containsValue(NotifyReason.REMINDER)) {
            filter.append(REMINDER_COMMAND_ID, invite.reminderCommandId());
        }
        List<Document> stillBehind = new ArrayList<>();
        deliveries.forEach((field, delivery) -> stillBehind.add(new Document(
                "$or",
                List.of(
                        new Document(field + ".progress", new Document("$lt", delivery.progress())),
                        new Document(field, new Document("$exists", false))))));
        if (stillBehind.size() == 1) {
            filter.putAll(stillBehind.get(0));
        } else {
            filter.append("$and", stillBehind);
        }
        if (send != null) {
            filter.append(SENT_COMMAND_ID, new Document("$ne", send.commandId()));
        }
        return new BasicQuery(filter);
    }

    /** The update, also removing {@code acknowledgedOutbox} (message ids) from the invite's outbox. */
    Update update(List<String> acknowledgedOutbox) {
        Document set = new Document();
        deliveries.forEach((field, delivery) -> set.append(field, delivery.toDocument()));
        Document inc = new Document(VERSION, 1);
        if (send != null) {
            set.append(SENT_COMMAND_ID, send.commandId()).append(LAST_SENT_AT, Date.from(send.occurredAt()));
            inc.append(SEND_COUNT, 1);
        }
        Document update = new Document("$set", set).append("$inc", inc);
        if (!acknowledgedOutbox.isEmpty()) {
            update.append("$pull", new Document(OutboxRelay.FIELD, OutboxRelay.removalOf(acknowledgedOutbox)));
        }
        return Update.fromDocument(update);
    }
}
