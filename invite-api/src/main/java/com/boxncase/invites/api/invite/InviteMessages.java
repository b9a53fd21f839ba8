package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.settings.StoreSettings;
import com.boxncase.invites.contracts.Actor;
import com.boxncase.invites.contracts.InviteEvent;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.outbox.Outbox;
import com.boxncase.invites.outbox.OutboxMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Builds the commands and events that go out with an invite change, ready to be kept in its outbox. */
@Component
class InviteMessages {

    private final Outbox outbox;

    InviteMessages(Outbox outbox) {
        this.outbox = outbox;
    }

    void notify(Invite invite, NotifyReason reason, StoreSettings store, Instant now) {
        NotifyInvite command = new NotifyInvite(
                NotifyInvite.SCHEMA_VERSION,
                invite.commandId(),
                invite.id(),
                invite.storeId(),
                reason,
                invite.channels(),
                invite.email(),
                invite.phone(),
                invite.role(),
                invite.locale(),
                store.defaultLocale(),
                invite.invitedBy(),
                store.branding(),
                invite.link().linkId(),
                invite.expiresAt(),
                invite.message(),
                now);
        invite.enqueue(outbox.message(Topics.NOTIFY, invite.id(), command.commandId(), command));
    }

    void event(Invite invite, InviteEvent.Type type, Actor actor, Map<String, String> details, Instant now) {
        invite.enqueue(eventMessage(invite, type, actor, details, now));
    }

    /** An event to publish without any other change to the invite (e.g. a link copy, for the audit trail). */
    OutboxMessage eventMessage(
            Invite invite, InviteEvent.Type type, Actor actor, Map<String, String> details, Instant now) {
        InviteEvent event = new InviteEvent(
                InviteEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                type,
                invite.id(),
                invite.storeId(),
                invite.email(),
                invite.role(),
                actor,
                details,
                now);
        return outbox.message(Topics.EVENTS, invite.id(), event.eventId(), event);
    }

    /** Hands what a successful write put in the outbox to the relay. */
    void written(String inviteId, List<OutboxMessage> messages) {
        outbox.written(inviteId, messages);
    }
}
