package com.boxncase.invites.document;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.DeliveryStatusChanged;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Where one channel's delivery of one command stands, as the pending table shows it
 * ({@code deliveries.<CHANNEL>} and {@code reminderDeliveries.<CHANNEL>}). {@code progress} is
 * {@link DeliveryState#progress(int)}, stored so that an update can refuse to move a delivery backwards.
 *
 * @param nextAttemptAt while RETRYING, when the next attempt is due
 */
public record DeliveryRecord(
        DeliveryState state,
        Channel channel,
        int attempts,
        String lastError,
        Instant updatedAt,
        long progress,
        String commandId,
        String providerMessageId,
        Instant nextAttemptAt) {

    public static DeliveryRecord queued(Channel channel, String commandId, Instant now) {
        return new DeliveryRecord(
                DeliveryState.QUEUED, channel, 0, null, now, DeliveryState.QUEUED.progress(0), commandId, null, null);
    }

    /** What {@code event} says of its channel's delivery. */
    public static DeliveryRecord of(DeliveryStatusChanged event) {
        return new DeliveryRecord(
                event.state(),
                event.channel(),
                event.attempt(),
                event.error(),
                event.occurredAt(),
                event.state().progress(event.attempt()),
                event.commandId(),
                event.providerMessageId(),
                event.state() == DeliveryState.RETRYING ? event.nextAttemptAt() : null);
    }

    /** Queued deliveries of a new command on {@code channels}, keyed by channel name as stored. */
    public static Map<String, DeliveryRecord> queuedAll(List<Channel> channels, String commandId, Instant now) {
        Map<String, DeliveryRecord> deliveries = new LinkedHashMap<>();
        for (Channel channel : channels) {
            deliveries.put(channel.name(), queued(channel, commandId, now));
        }
        return deliveries;
    }

    /** The same as {@link #queuedAll}, as a BSON sub-document for writers that update with raw updates. */
    public static Document queuedDocument(List<Channel> channels, String commandId, Instant now) {
        Document deliveries = new Document();
        queuedAll(channels, commandId, now)
                .forEach((channel, delivery) -> deliveries.put(channel, delivery.toDocument()));
        return deliveries;
    }

    public Document toDocument() {
        return new Document("state", state.name())
                .append("channel", channel.name())
                .append("attempts", attempts)
                .append("lastError", lastError)
                .append("updatedAt", date(updatedAt))
                .append("progress", progress)
                .append("commandId", commandId)
                .append("providerMessageId", providerMessageId)
                .append("nextAttemptAt", date(nextAttemptAt));
    }

    public static DeliveryRecord fromDocument(Document stored) {
        Number attempts = stored.get("attempts", Number.class);
        Number progress = stored.get("progress", Number.class);
        return new DeliveryRecord(
                DeliveryState.valueOf(stored.getString("state")),
                Channel.valueOf(stored.getString("channel")),
                attempts == null ? 0 : attempts.intValue(),
                stored.getString("lastError"),
                instant(stored.getDate("updatedAt")),
                progress == null ? 0 : progress.longValue(),
                stored.getString("commandId"),
                stored.getString("providerMessageId"),
                instant(stored.getDate("nextAttemptAt")));
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
