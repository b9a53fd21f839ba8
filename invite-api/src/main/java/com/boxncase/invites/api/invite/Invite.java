package com.boxncase.invites.api.invite;

import static com.boxncase.invites.document.InviteDocument.ACCEPTANCE;
import static com.boxncase.invites.document.InviteDocument.CHANNELS;
import static com.boxncase.invites.document.InviteDocument.COMMAND_ID;
import static com.boxncase.invites.document.InviteDocument.COMMAND_REASON;
import static com.boxncase.invites.document.InviteDocument.CREATED_AT;
import static com.boxncase.invites.document.InviteDocument.DELIVERIES;
import static com.boxncase.invites.document.InviteDocument.EMAIL;
import static com.boxncase.invites.document.InviteDocument.EMAIL_KEY;
import static com.boxncase.invites.document.InviteDocument.ENDED_AT;
import static com.boxncase.invites.document.InviteDocument.EXPIRED_AT;
import static com.boxncase.invites.document.InviteDocument.EXPIRES_AT;
import static com.boxncase.invites.document.InviteDocument.INVITED_BY;
import static com.boxncase.invites.document.InviteDocument.LAST_SENT_AT;
import static com.boxncase.invites.document.InviteDocument.LINK;
import static com.boxncase.invites.document.InviteDocument.LOCALE;
import static com.boxncase.invites.document.InviteDocument.MESSAGE;
import static com.boxncase.invites.document.InviteDocument.OPEN_KEY;
import static com.boxncase.invites.document.InviteDocument.OUTBOX;
import static com.boxncase.invites.document.InviteDocument.PHONE;
import static com.boxncase.invites.document.InviteDocument.PURGE_AT;
import static com.boxncase.invites.document.InviteDocument.REMINDER_COMMAND_ID;
import static com.boxncase.invites.document.InviteDocument.REMINDER_DELIVERIES;
import static com.boxncase.invites.document.InviteDocument.REMINDER_FOR;
import static com.boxncase.invites.document.InviteDocument.RESEND_TIMES;
import static com.boxncase.invites.document.InviteDocument.REVOKED_AT;
import static com.boxncase.invites.document.InviteDocument.ROLE;
import static com.boxncase.invites.document.InviteDocument.SEND_COUNT;
import static com.boxncase.invites.document.InviteDocument.SENT_COMMAND_ID;
import static com.boxncase.invites.document.InviteDocument.STATUS;
import static com.boxncase.invites.document.InviteDocument.STORE;
import static com.boxncase.invites.document.InviteDocument.STORE_ID;
import static com.boxncase.invites.document.InviteDocument.TTL_DAYS;
import static com.boxncase.invites.document.InviteDocument.VERSION;

import com.boxncase.invites.contracts.Actor;
import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.InviteLinks;
import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.document.DeliveryRecord;
import com.boxncase.invites.document.InviteDocument;
import com.boxncase.invites.document.InviteStatus;
import com.boxncase.invites.document.StoreStamp;
import com.boxncase.invites.outbox.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * One invitation, and the single document that holds all of its state (see docs/invite-document.md; the field
 * names are {@link InviteDocument}'s, shared with the workers). Every change is made here in memory and written
 * back in one conditional write by {@link Invites}, together with the outbox messages that announce it.
 *
 * <p>Every stored field is mapped, those the workers write included ({@code reminderDeliveries} and the like):
 * a save replaces the whole document, so a field this class did not know would be lost.
 */
@Document(InviteDocument.COLLECTION)
class Invite {

    /** Resend times kept for the rate limit; older ones cannot matter for any sensible window. */
    private static final int RESEND_HISTORY = 20;

    @Id
    private String id;

    @Field(STORE_ID)
    private String storeId;

    @Field(EMAIL)
    private String email;

    @Field(EMAIL_KEY)
    private String emailKey;

    @Field(PHONE)
    private String phone;

    @Field(ROLE)
    private String role;

    @Field(LOCALE)
    private String locale;

    @Field(MESSAGE)
    private String message;

    @Field(CHANNELS)
    private List<Channel> channels;

    @Field(STATUS)
    private InviteStatus status;

    @Field(OPEN_KEY)
    private String openKey;

    @Field(CREATED_AT)
    private Instant createdAt;

    @Field(EXPIRES_AT)
    private Instant expiresAt;

    @Field(TTL_DAYS)
    private int ttlDays;

    @Field(INVITED_BY)
    private Inviter invitedBy;

    @Field(LINK)
    private Link link;

    @Field(STORE)
    private StoreStamp store;

    @Field(COMMAND_ID)
    private String commandId;

    @Field(COMMAND_REASON)
    private NotifyReason commandReason;

    @Field(DELIVERIES)
    private Map<String, DeliveryRecord> deliveries = new LinkedHashMap<>();

    @Field(REMINDER_COMMAND_ID)
    private String reminderCommandId;

    @Field(REMINDER_DELIVERIES)
    private Map<String, DeliveryRecord> reminderDeliveries;

    @Field(REMINDER_FOR)
    private Instant reminderFor;

    @Field(LAST_SENT_AT)
    private Instant lastSentAt;

    @Field(SEND_COUNT)
    private int sendCount;

    @Field(SENT_COMMAND_ID)
    private String sentCommandId;

    @Field(RESEND_TIMES)
    private List<Instant> resendTimes = new ArrayList<>();

    @Field(ACCEPTANCE)
    private Acceptance acceptance;

    @Field(REVOKED_AT)
    private Instant revokedAt;

    @Field(EXPIRED_AT)
    private Instant expiredAt;

    @Field(ENDED_AT)
    private Instant endedAt;

    @Field(PURGE_AT)
    private Instant purgeAt;

    @Version
    @Field(VERSION)
    private Long version;

    @Field(OUTBOX)
    private List<OutboxMessage> outbox = new ArrayList<>();

    /** Messages added since this invite was read: what the write about to happen announces. */
    @Transient
    private List<OutboxMessage> added = new ArrayList<>();

    /** What the admin asked for, already validated; {@code channels} already fit the phone. */
    record Draft(
            String email,
            String phone,
            String role,
            String locale,
            String message,
            List<Channel> channels,
            int ttlDays,
            Actor invitedBy) {}

    /**
     * The inviting admin as stored: {@code invitedBy.id} and {@code .name}, which the workers read (an
     * unannotated nested {@code id} would be written as {@code _id}).
     */
    record Inviter(@Field("id") String adminId, String name) {

        static Inviter of(Actor actor) {
            return new Inviter(actor.id(), actor.name());
        }

        Actor actor() {
            return new Actor(adminId, name);
        }
    }

    /** The invitee's acceptance: the name they gave and when. It makes the invite an admin user's record. */
    record Acceptance(String name, Instant acceptedAt) {}

    protected Invite() {}

    static Invite create(
            String id,
            String storeId,
            Draft draft,
            StoreStamp store,
            InviteLinks links,
            String commandId,
            Instant now) {
        Invite invite = new Invite();
        invite.id = id;
        invite.storeId = storeId;
        invite.email = draft.email();
        invite.emailKey = emailKey(draft.email());
        invite.phone = draft.phone();
        invite.role = draft.role();
        invite.locale = draft.locale();
        invite.message = draft.message();
        invite.invitedBy = Inviter.of(draft.invitedBy());
        invite.createdAt = now;
        invite.openKey = InviteDocument.openKey(storeId, invite.emailKey);
        invite.startPeriod(NotifyReason.INVITE, draft.channels(), draft.ttlDays(), store, links, commandId, now);
        return invite;
    }

    static String emailKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    /** Status as of {@code now}: a PENDING invite past its expiry is EXPIRED even before the worker runs. */
    InviteStatus statusAt(Instant now) {
        return status == InviteStatus.PENDING && !now.isBefore(expiresAt) ? InviteStatus.EXPIRED : status;
    }

    /** Resend: a new link (the old one stops working), a new expiry period, a new delivery. */
    void resend(
            List<Channel> newChannels,
            int newTtlDays,
            StoreStamp newStore,
            InviteLinks links,
            String newCommandId,
            Instant now) {
        resendTimes.add(now);
        if (resendTimes.size() > RESEND_HISTORY) {
            resendTimes = new ArrayList<>(resendTimes.subList(resendTimes.size() - RESEND_HISTORY, resendTimes.size()));
        }
        startPeriod(NotifyReason.RESEND, newChannels, newTtlDays, newStore, links, newCommandId, now);
    }

    /** When the next resend is allowed: {@code now} unless {@code maxPerWindow} resends fall in the window. */
    Instant resendAllowedAt(int maxPerWindow, Duration window, Instant now) {
        List<Instant> recent = resendTimes.stream()
                .filter(at -> at.isAfter(now.minus(window)))
                .sorted()
                .toList();
        return recent.size() < maxPerWindow
                ? now
                : recent.get(recent.size() - maxPerWindow).plus(window);
    }

    void revoke(Instant now) {
        status = InviteStatus.REVOKED;
        revokedAt = now;
        end(now);
    }

    void accept(String name, Instant now) {
        status = InviteStatus.ACCEPTED;
        acceptance = new Acceptance(name, now);
        end(now);
    }

    void enqueue(OutboxMessage outboxMessage) {
        outbox.add(outboxMessage);
        added.add(outboxMessage);
    }

    private void startPeriod(
            NotifyReason reason,
            List<Channel> newChannels,
            int newTtlDays,
            StoreStamp newStore,
            InviteLinks links,
            String newCommandId,
            Instant now) {
        status = InviteStatus.PENDING;
        channels = List.copyOf(newChannels);
        ttlDays = newTtlDays;
        store = newStore;
        expiresAt = now.plus(Duration.ofDays(newTtlDays));
        expiredAt = null;
        purgeAt = null;
        reminderFor = null;
        link = Link.issue(links, id, now);
        commandId = newCommandId;
        commandReason = reason;
        deliveries = DeliveryRecord.queuedAll(newChannels, newCommandId, now);
    }

    private void end(Instant now) {
        endedAt = now;
        openKey = null;
    }

    String id() {
        return id;
    }

    String storeId() {
        return storeId;
    }

    String email() {
        return email;
    }

    String phone() {
        return phone;
    }

    String role() {
        return role;
    }

    String locale() {
        return locale;
    }

    String message() {
        return message;
    }

    List<Channel> channels() {
        return channels;
    }

    InviteStatus status() {
        return status;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    int ttlDays() {
        return ttlDays;
    }

    Actor invitedBy() {
        return invitedBy == null ? null : invitedBy.actor();
    }

    Link link() {
        return link;
    }

    StoreStamp store() {
        return store;
    }

    String commandId() {
        return commandId;
    }

    NotifyReason commandReason() {
        return commandReason == null ? NotifyReason.INVITE : commandReason;
    }

    Map<String, DeliveryRecord> deliveries() {
        return deliveries == null ? Map.of() : deliveries;
    }

    Map<String, DeliveryRecord> reminderDeliveries() {
        return reminderDeliveries == null ? Map.of() : reminderDeliveries;
    }

    Instant lastSentAt() {
        return lastSentAt;
    }

    int sendCount() {
        return sendCount;
    }

    Acceptance acceptance() {
        return acceptance;
    }

    Instant endedAt() {
        return endedAt;
    }

    /** For an EXPIRED invite, when the expiry-worker removes it (and it leaves the pending table). */
    Instant purgeAt() {
        return purgeAt;
    }

    /**
     * The messages this change added. Only these go to the relay's fast path after the write: older ones
     * still in the array may be mid-publication by the relay, and the sweep takes any it left behind.
     */
    List<OutboxMessage> addedMessages() {
        return added == null ? List.of() : List.copyOf(added);
    }
}
