package com.boxncase.invites.expiry.reminder;

import static com.boxncase.invites.document.InviteDocument.COLLECTION;
import static com.boxncase.invites.document.InviteDocument.EXPIRES_AT;
import static com.boxncase.invites.document.InviteDocument.ID;
import static com.boxncase.invites.document.InviteDocument.LINK_ID;
import static com.boxncase.invites.document.InviteDocument.OUTBOX;
import static com.boxncase.invites.document.InviteDocument.REMINDER_COMMAND_ID;
import static com.boxncase.invites.document.InviteDocument.REMINDER_DELIVERIES;
import static com.boxncase.invites.document.InviteDocument.REMINDER_FOR;
import static com.boxncase.invites.document.InviteDocument.STATUS;
import static com.boxncase.invites.document.InviteDocument.VERSION;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.boxncase.invites.contracts.Actor;
import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.InviteEvent;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.document.DeliveryRecord;
import com.boxncase.invites.document.InviteChannels;
import com.boxncase.invites.document.InviteSnapshot;
import com.boxncase.invites.document.InviteStatus;
import com.boxncase.invites.expiry.ExpiryProperties;
import com.boxncase.invites.outbox.Outbox;
import com.boxncase.invites.outbox.OutboxMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Queues one reminder ({@code NotifyInvite} with reason REMINDER, plus {@code InviteEvent REMINDER_QUEUED})
 * per expiry period, from {@code reminder-lead} before {@code expiresAt}, during the {@code reminder-window}
 * hours of the store's time zone (no text at night). {@code reminderFor} records the period ({@code expiresAt}) a
 * reminder was queued for, so a resend, which moves {@code expiresAt}, starts a new one. The reminder's
 * deliveries are kept apart from the invitation's ({@code reminderCommandId}, {@code reminderDeliveries}).
 *
 * <p>Skipped: invites whose period started with less time left than the lead (created, or resent, shortly
 * before expiry), invites whose store switched reminders off (the store's choice is stamped on each invite),
 * invites with no channel left (SMS-only without a phone) or without a link.
 */
@Component
public class ReminderJob {

    static final Actor ACTOR = Actor.system("expiry-worker");

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Clock clock;
    private final ExpiryProperties properties;
    private final Counter queuedCounter;

    public ReminderJob(
            MongoTemplate mongo, Outbox outbox, Clock clock, ExpiryProperties properties, MeterRegistry meters) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.clock = clock;
        this.properties = properties;
        this.queuedCounter = Counter.builder("invites.expiry.reminders.queued")
                .description("Reminders this worker queued")
                .register(meters);
    }

    /** Queues the reminders that are due. Returns how many this instance queued. */
    public int run() {
        if (!properties.remindersEnabled()) {
            return 0;
        }
        Instant now = clock.instant();
        Date horizon = Date.from(now.plus(properties.reminderLead()));
        int queued = 0;
        // Keyset paging on expiresAt (the index order): skipped invites stay in the window, so a plain
        // "first N" query would return them again and again.
        Date pageFrom = Date.from(now);
        boolean inclusive = false;
        Set<Object> seenAtPageFrom = new HashSet<>();
        for (int batch = 0; batch < properties.maxBatchesPerRun(); batch++) {
            List<Document> invites =
                    mongo.find(window(pageFrom, inclusive, horizon, now, seenAtPageFrom), Document.class, COLLECTION);
            for (Document stored : invites) {
                InviteSnapshot invite = InviteSnapshot.fromDocument(stored);
                Date expiresAt = stored.getDate(EXPIRES_AT);
                if (!expiresAt.equals(pageFrom)) {
                    pageFrom = expiresAt;
                    inclusive = true;
                    seenAtPageFrom.clear();
                }
                seenAtPageFrom.add(stored.get(ID));
                if (isDue(invite, now) && queue(stored.get(ID), invite, expiresAt, now)) {
                    queued++;
                }
            }
            if (invites.size() < properties.batchSize()) {
                break;
            }
        }
        queuedCounter.increment(queued);
        return queued;
    }

    /**
     * PENDING invites expiring in (now, now + lead] from the page start on. {@code reminderFor} in the window
     * means the reminder for that period is queued; outside it, it is missing or an older period's. (A stale
     * {@code reminderFor} that happens to lie in the window only delays the reminder until it has passed.)
     */
    private Query window(Date from, boolean inclusive, Date horizon, Instant now, Set<Object> seenAtFrom) {
        Date nowDate = Date.from(now);
        Document filter = new Document(STATUS, InviteStatus.PENDING.name())
                .append(EXPIRES_AT, new Document(inclusive ? "$gte" : "$gt", from).append("$lte", horizon))
                .append(
                        "$or",
                        List.of(
                                new Document(REMINDER_FOR, null),
                                new Document(REMINDER_FOR, new Document("$lte", nowDate)),
                                new Document(REMINDER_FOR, new Document("$gt", horizon))));
        if (!seenAtFrom.isEmpty()) {
            filter.append(ID, new Document("$nin", new ArrayList<>(seenAtFrom)));
        }
        Query query = new BasicQuery(filter).with(Sort.by(EXPIRES_AT)).limit(properties.batchSize());
        InviteSnapshot.UNREAD_FIELDS.forEach(query.fields()::exclude);
        return query;
    }

    private boolean isDue(InviteSnapshot invite, Instant now) {
        if (invite.expiresAt().equals(invite.reminderFor())) {
            return false;
        }
        if (invite.store() == null || !invite.store().remindersEnabled()) {
            return false; // the store switched reminders off (or the invite predates the stamp)
        }
        Instant remindFrom = invite.expiresAt().minus(properties.reminderLead());
        if (invite.createdAt() != null && !invite.createdAt().isBefore(remindFrom)) {
            return false; // created with less time left than the lead
        }
        if (invite.ttlDays() > 0 && Duration.ofDays(invite.ttlDays()).compareTo(properties.reminderLead()) <= 0) {
            return false; // the current period (restarted by a resend) is no longer than the lead
        }
        return properties.reminderWindow().allows(now.atZone(zoneOf(invite)).toLocalTime());
    }

    private static ZoneId zoneOf(InviteSnapshot invite) {
        try {
            return ZoneId.of(invite.store().timeZone());
        } catch (DateTimeException | NullPointerException unknown) {
            return ZoneOffset.UTC;
        }
    }

    private boolean queue(Object id, InviteSnapshot invite, Date expiresAt, Instant now) {
        List<Channel> channels = InviteChannels.of(invite.channels(), invite.phone());
        if (invite.linkId() == null || channels.isEmpty()) {
            return false;
        }
        String commandId = UUID.randomUUID().toString();
        NotifyInvite command = NotifyInvite.of(
                commandId, invite.id(), invite.storeId(), NotifyReason.REMINDER, channels, invite.linkId(), now);
        InviteEvent event = new InviteEvent(
                InviteEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                InviteEvent.Type.REMINDER_QUEUED,
                invite.id(),
                invite.storeId(),
                invite.email(),
                invite.role(),
                ACTOR,
                Map.of(
                        "commandId",
                        commandId,
                        "channels",
                        channels.stream().map(Channel::name).collect(Collectors.joining(","))),
                now);
        OutboxMessage commandMessage = outbox.message(Topics.NOTIFY, invite.id(), commandId, command);
        OutboxMessage eventMessage = outbox.message(Topics.EVENTS, invite.id(), event.eventId(), event);

        Query notYetReminded = Query.query(where(ID)
                .is(id)
                .and(STATUS)
                .is(InviteStatus.PENDING.name())
                .and(EXPIRES_AT)
                .is(expiresAt)
                .and(REMINDER_FOR)
                .ne(expiresAt)
                .and(LINK_ID)
                .is(invite.linkId()));
        Update remind = new Update()
                .set(REMINDER_FOR, expiresAt)
                .set(REMINDER_COMMAND_ID, commandId)
                .set(REMINDER_DELIVERIES, DeliveryRecord.queuedDocument(channels, commandId, now))
                .inc(VERSION, 1);
        remind.push(OUTBOX).each(commandMessage.toDocument(), eventMessage.toDocument());
        if (mongo.updateFirst(notYetReminded, remind, COLLECTION).getModifiedCount() == 0) {
            return false; // another instance queued it, or the invite changed since it was read
        }
        outbox.written(invite.id(), List.of(commandMessage, eventMessage));
        return true;
    }
}
