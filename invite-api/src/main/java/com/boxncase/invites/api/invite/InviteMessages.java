package com.boxncase.invites.api.invite;

import com.boxncase.invites.contracts.Actor;
import com.boxncase.invites.contracts.InviteEvent;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.outbox.Outbox;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Puts the command and the events of an invite change into its outbox, to go out with the write. */
@Component
class InviteMessages {

    private final Outbox outbox;

    InviteMessages(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The command that delivers the invite's current period (its command id, reason, channels and link). */
    void notify(Invite invite, Instant now) {
        NotifyInvite command = NotifyInvite.of(
                invite.commandId(),
                invite.id(),
                invite.storeId(),
                invite.commandReason(),
                invite.channels(),
                invite.link().linkId(),
                now);
        invite.enqueue(outbox.message(Topics.NOTIFY, invite.id(), command.commandId(), command));
    }

    void event(Invite invite, InviteEvent.Type type, Actor actor, Map<String, String> details, Instant now) {
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
        invite.enqueue(outbox.message(Topics.EVENTS, invite.id(), event.eventId(), event));
    }
}
