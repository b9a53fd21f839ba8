package com.boxncase.invites.document;

import static com.boxncase.invites.document.DeliveryRecord.instant;

import com.boxncase.invites.contracts.Actor;
import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.NotifyReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * An invite as the workers read it: everything but the outbox and the resend history (see
 * {@link #UNREAD_FIELDS}). Read-only; writers change invites with conditional updates by {@code _id}.
 */
public record InviteSnapshot(
        String id,
        String storeId,
        String email,
        String phone,
        String role,
        String locale,
        String message,
        List<Channel> channels,
        InviteStatus status,
        Instant createdAt,
        Instant expiresAt,
        int ttlDays,
        Actor invitedBy,
        String linkId,
        StoreStamp store,
        String commandId,
        NotifyReason commandReason,
        Map<Channel, DeliveryRecord> deliveries,
        String reminderCommandId,
        Map<Channel, DeliveryRecord> reminderDeliveries,
        Instant reminderFor,
        String sentCommandId,
        long version) {

    /** Fields a worker never needs: leave them out of reads ({@code fields().exclude(...)}). */
    public static final List<String> UNREAD_FIELDS = List.of(InviteDocument.OUTBOX, InviteDocument.RESEND_TIMES);

    public static InviteSnapshot fromDocument(Document doc) {
        Document invitedBy = doc.get(InviteDocument.INVITED_BY, Document.class);
        Document link = doc.get(InviteDocument.LINK, Document.class);
        Number ttlDays = doc.get(InviteDocument.TTL_DAYS, Number.class);
        Number version = doc.get(InviteDocument.VERSION, Number.class);
        String status = doc.getString(InviteDocument.STATUS);
        String reason = doc.getString(InviteDocument.COMMAND_REASON);
        return new InviteSnapshot(
                String.valueOf(doc.get(InviteDocument.ID)),
                doc.getString(InviteDocument.STORE_ID),
                doc.getString(InviteDocument.EMAIL),
                doc.getString(InviteDocument.PHONE),
                doc.getString(InviteDocument.ROLE),
                doc.getString(InviteDocument.LOCALE),
                doc.getString(InviteDocument.MESSAGE),
                channels(doc.getList(InviteDocument.CHANNELS, String.class, List.of())),
                status == null ? null : InviteStatus.valueOf(status),
                instant(doc.getDate(InviteDocument.CREATED_AT)),
                instant(doc.getDate(InviteDocument.EXPIRES_AT)),
                ttlDays == null ? 0 : ttlDays.intValue(),
                invitedBy == null ? null : new Actor(invitedBy.getString("id"), invitedBy.getString("name")),
                link == null ? null : link.getString("id"),
                StoreStamp.fromDocument(doc.get(InviteDocument.STORE, Document.class)),
                doc.getString(InviteDocument.COMMAND_ID),
                reason == null ? NotifyReason.INVITE : NotifyReason.valueOf(reason),
                deliveries(doc.get(InviteDocument.DELIVERIES, Document.class)),
                doc.getString(InviteDocument.REMINDER_COMMAND_ID),
                deliveries(doc.get(InviteDocument.REMINDER_DELIVERIES, Document.class)),
                instant(doc.getDate(InviteDocument.REMINDER_FOR)),
                doc.getString(InviteDocument.SENT_COMMAND_ID),
                version == null ? 0 : version.longValue());
    }

    /** Status as of {@code now}: a PENDING invite past its expiry is EXPIRED even before the expiry-worker runs. */
    public InviteStatus statusAt(Instant now) {
        return status == InviteStatus.PENDING && expiresAt != null && !now.isBefore(expiresAt)
                ? InviteStatus.EXPIRED
                : status;
    }

    /** Which kind of delivery {@code commandId} is on this invite, or null when it is no longer current. */
    public NotifyReason currentReasonOf(String commandId) {
        if (commandId == null) {
            return null;
        }
        if (commandId.equals(this.commandId)) {
            return commandReason;
        }
        return commandId.equals(reminderCommandId) ? NotifyReason.REMINDER : null;
    }

    /** The deliveries of the kind of command {@code reason} names. */
    public Map<Channel, DeliveryRecord> deliveriesOf(NotifyReason reason) {
        return reason == NotifyReason.REMINDER ? reminderDeliveries : deliveries;
    }

    private static List<Channel> channels(List<String> names) {
        List<Channel> channels = new ArrayList<>();
        for (String name : names) {
            for (Channel channel : Channel.values()) {
                if (channel.name().equals(name)) {
                    channels.add(channel);
                }
            }
        }
        return List.copyOf(channels);
    }

    private static Map<Channel, DeliveryRecord> deliveries(Document stored) {
        Map<Channel, DeliveryRecord> deliveries = new EnumMap<>(Channel.class);
        if (stored != null) {
            for (Channel channel : Channel.values()) {
                Document delivery = stored.get(channel.name(), Document.class);
                if (delivery != null) {
                    deliveries.put(channel, DeliveryRecord.fromDocument(delivery));
                }
            }
        }
        return deliveries;
    }
}
