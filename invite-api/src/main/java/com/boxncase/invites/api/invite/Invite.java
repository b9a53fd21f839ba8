package com.boxncase.invites.api.invite;

import com.boxncase.invites.contracts.Actor;
import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.InviteLinks;
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
 * One invitation, and the single document that holds all of its state (see docs/invite-document.md). Every
 * change is made here in memory and written back in one conditional write, together with the outbox
 * messages that announce it.
 */
@Document("invites")
class Invite {

    @Id
    private String id;

    private String storeId;
    private String email;
    private String emailKey;
    private String phone;
    private String role;
    private String locale;
    private String message;
    private List<Channel> channels;
    private InviteStatus status;
    /** {@code storeId|emailKey} while open, absent otherwise: a sparse unique index allows one open invite. */
    private String openKey;

    private Instant createdAt;
    private Instant expiresAt;
    private int ttlDays;
    private Inviter invitedBy;
    private Link link;
    private String commandId;
    private Map<String, Delivery> deliveries = new LinkedHashMap<>();
    private Instant lastSentAt;
    private int sendCount;
    private List<Instant> resendTimes = new ArrayList<>();
    private Instant reminderFor;
    private Acceptance acceptance;
    private Instant revokedAt;
    private Instant expiredAt;
    private Instant endedAt;

    @Version
    private Long version;

    private List<OutboxMessage> outbox = new ArrayList<>();

    /** Messages added since this invite was read: what the write about to happen announces. */
    @Transient
    private List<OutboxMessage> added = new ArrayList<>();

    /** What the admin asked for, already validated. */
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

    /** The invitee's acceptance: the name they gave and when. */
    record Acceptance(String name, Instant acceptedAt) {}

    protected Invite() {}

    static Invite create(String id, String storeId, Draft draft, InviteLinks links, String commandId, Instant now) {
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
        invite.openKey = openKey(storeId, draft.email());
        invite.startPeriod(draft.channels(), draft.ttlDays(), links, commandId, now);
        return invite;
    }

    static String emailKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    static String openKey(String storeId, String email) {
        return storeId + "|" + emailKey(email);
    }

    /** Status as of {@code now}: a PENDING invite past its expiry is EXPIRED even before the worker runs. */
    InviteStatus statusAt(Instant now) {
        return status == InviteStatus.PENDING && !now.isBefore(expiresAt) ? InviteStatus.EXPIRED : status;
    }

    /** Resend: a new link (the old one stops working), a new expiry period, a new delivery. */
    void resend(List<Channel> newChannels, int newTtlDays, InviteLinks links, String newCommandId, Instant now) {
        resendTimes.add(now);
        if (resendTimes.size() > 20) {
            resendTimes = new ArrayList<>(resendTimes.subList(resendTimes.size() - 20, resendTimes.size()));
        }
        startPeriod(newChannels, newTtlDays, links, newCommandId, now);
    }

    /** How many resends fall inside the window ending {@code now}, and when the oldest of them leaves it. */
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
            List<Channel> newChannels, int newTtlDays, InviteLinks links, String newCommandId, Instant now) {
        status = InviteStatus.PENDING;
        channels = List.copyOf(newChannels);
        ttlDays = newTtlDays;
        expiresAt = now.plus(Duration.ofDays(newTtlDays));
        expiredAt = null;
        reminderFor = null;
        link = Link.issue(links, id, now);
        commandId = newCommandId;
        deliveries = new LinkedHashMap<>();
        for (Channel channel : newChannels) {
            deliveries.put(channel.name(), Delivery.queued(channel, newCommandId, now));
        }
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

    String commandId() {
        return commandId;
    }

    Map<String, Delivery> deliveries() {
        return deliveries;
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

    /**
     * The messages this change added. Only these go to the relay's fast path after the write: older ones
     * still in the array may be mid-publication by the relay, and the sweep takes any it left behind.
     */
    List<OutboxMessage> addedMessages() {
        return added == null ? List.of() : List.copyOf(added);
    }
}
