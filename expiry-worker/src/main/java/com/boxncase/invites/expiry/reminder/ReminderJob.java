package com.boxncase.invites.expiry.reminder;

import static com.boxncase.invites.expiry.invite.InviteDocument.COLLECTION;
import static com.boxncase.invites.expiry.invite.InviteDocument.PENDING;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.boxncase.invites.contracts.Actor;
import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.InviteEvent;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.expiry.ExpiryProperties;
import com.boxncase.invites.outbox.Outbox;
import com.boxncase.invites.outbox.OutboxMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
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
 * per expiry period, {@code reminder-lead} before {@code expiresAt}. {@code reminderFor} records the period
 * ({@code expiresAt}) a reminder was queued for, so a resend, which moves {@code expiresAt}, starts a new one.
 *
 * <p>Skipped: invites whose period started with less time left than the lead (created, or resent, shortly
 * before expiry), invites of stores that switched reminders off, invites without channels or link.
 */
@Component
public class ReminderJob {

    static final Actor ACTOR = Actor.system("expiry-worker");

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Clock clock;
    private final ExpiryProperties properties;
    private final StoreSettingsRepository stores;
    private final Counter queuedCounter;

    public ReminderJob(
            MongoTemplate mongo,
            Outbox outbox,
            Clock clock,
            ExpiryProperties properties,
            StoreSettingsRepository stores,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.clock = clock;
        this.properties = properties;
        this.stores = stores;
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
        Map<String, StoreSettings> storeCache = new HashMap<>();
        int queued = 0;
        // Keyset paging on expiresAt (the index order): skipped invites stay in the window, so a plain
        // "first N" query would return them again and again.
        Date pageFrom = Date.from(now);
        boolean inclusive = false;
        Set<Object> seenAtPageFrom = new HashSet<>();
        for (int batch = 0; batch < properties.maxBatchesPerRun(); batch++) {
            List<Document> invites =
                    mongo.find(window(pageFrom, inclusive, horizon, now, seenAtPageFrom), Document.class, COLLECTION);
            for (Document invite : invites) {
                Date expiresAt = invite.getDate("expiresAt");
                if (!expiresAt.equals(pageFrom)) {
                    pageFrom = expiresAt;
                    inclusive = true;
                    seenAtPageFrom.clear();
                }
                seenAtPageFrom.add(invite.get("_id"));
                if (isDue(invite, expiresAt)) {
                    StoreSettings store = storeCache.computeIfAbsent(invite.getString("storeId"), stores::find);
                    if (store.remindersEnabled() && queue(invite, expiresAt, store, now)) {
                        queued++;
                    }
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
        Document filter = new Document("status", PENDING)
                .append("expiresAt", new Document(inclusive ? "$gte" : "$gt", from).append("$lte", horizon))
                .append(
                        "$or",
                        List.of(
                                new Document("reminderFor", null),
                                new Document("reminderFor", new Document("$lte", nowDate)),
                                new Document("reminderFor", new Document("$gt", horizon))));
        if (!seenAtFrom.isEmpty()) {
            filter.append("_id", new Document("$nin", new ArrayList<>(seenAtFrom)));
        }
        Query query = new BasicQuery(filter).with(Sort.by("expiresAt")).limit(properties.batchSize());
        query.fields()
                .exclude("outbox")
                .exclude("resendTimes")
                .exclude("deliveries")
                .exclude("acceptance");
        return query;
    }

    private boolean isDue(Document invite, Date expiresAt) {
        if (expiresAt.equals(invite.getDate("reminderFor"))) {
            return false;
        }
        Instant remindFrom = expiresAt.toInstant().minus(properties.reminderLead());
        Date createdAt = invite.getDate("createdAt");
        if (createdAt != null && !createdAt.toInstant().isBefore(remindFrom)) {
            return false; // created with less time left than the lead
        }
        Number ttlDays = invite.get("ttlDays", Number.class);
        if (ttlDays != null && Duration.ofDays(ttlDays.longValue()).compareTo(properties.reminderLead()) <= 0) {
            return false; // the current period (restarted by a resend) is no longer than the lead
        }
        return true;
    }

    private boolean queue(Document invite, Date expiresAt, StoreSettings store, Instant now) {
        Object id = invite.get("_id");
        String inviteId = id.toString();
        Document link = invite.get("link", Document.class);
        String linkId = link == null ? null : link.getString("id");
        List<Channel> channels = channels(invite);
        if (linkId == null || channels.isEmpty()) {
            return false;
        }
        String commandId = UUID.randomUUID().toString();
        Document invitedBy = invite.get("invitedBy", new Document());
        NotifyInvite command = new NotifyInvite(
                NotifyInvite.SCHEMA_VERSION,
                commandId,
                inviteId,
                invite.getString("storeId"),
                NotifyReason.REMINDER,
                channels,
                invite.getString("email"),
                invite.getString("phone"),
                invite.getString("role"),
                invite.getString("locale"),
                store.defaultLocale(),
                new Actor(invitedBy.getString("id"), invitedBy.getString("name")),
                store.branding(),
                linkId,
                expiresAt.toInstant(),
                invite.getString("message"),
                now);
        InviteEvent event = new InviteEvent(
                InviteEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                InviteEvent.Type.REMINDER_QUEUED,
                inviteId,
                invite.getString("storeId"),
                invite.getString("email"),
                invite.getString("role"),
                ACTOR,
                Map.of(
                        "commandId",
                        commandId,
                        "channels",
                        channels.stream().map(Channel::name).collect(Collectors.joining(","))),
                now);
        OutboxMessage commandMessage = outbox.message(Topics.NOTIFY, inviteId, commandId, command);
        OutboxMessage eventMessage = outbox.message(Topics.EVENTS, inviteId, event.eventId(), event);

        Query notYetReminded = Query.query(where("_id")
                .is(id)
                .and("status")
                .is(PENDING)
                .and("expiresAt")
                .is(expiresAt)
                .and("reminderFor")
                .ne(expiresAt)
                .and("link.id")
                .is(linkId));
        Update remind = new Update()
                .set("reminderFor", expiresAt)
                .set("commandId", commandId)
                .inc("version", 1);
        for (Channel channel : channels) {
            remind.set("deliveries." + channel.name(), queuedDelivery(channel, commandId, now));
        }
        remind.push("outbox").each(commandMessage.toDocument(), eventMessage.toDocument());
        if (mongo.updateFirst(notYetReminded, remind, COLLECTION).getModifiedCount() == 0) {
            return false; // another instance queued it, or the invite changed since it was read
        }
        outbox.written(inviteId, List.of(commandMessage, eventMessage));
        return true;
    }

    private static Document queuedDelivery(Channel channel, String commandId, Instant now) {
        return new Document("state", DeliveryState.QUEUED.name())
                .append("channel", channel.name())
                .append("attempts", 0)
                .append("lastError", null)
                .append("updatedAt", Date.from(now))
                .append("progress", DeliveryState.QUEUED.progress(0))
                .append("commandId", commandId);
    }

    private static List<Channel> channels(Document invite) {
        List<Channel> channels = new ArrayList<>();
        for (String name : invite.getList("channels", String.class, List.of())) {
            for (Channel channel : Channel.values()) {
                if (channel.name().equals(name)) {
                    channels.add(channel);
                }
            }
        }
        return channels;
    }
}
