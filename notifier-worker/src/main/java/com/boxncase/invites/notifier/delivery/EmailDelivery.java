package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.document.InviteSnapshot;
import com.boxncase.invites.document.StoreStamp;
import com.boxncase.invites.notifier.delivery.email.EmailSender;
import com.boxncase.invites.notifier.delivery.email.OutgoingEmail;
import com.boxncase.invites.notifier.template.EmailTemplates;
import com.boxncase.invites.templates.RenderedEmail;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * The email of an invitation: to the invite's address, from the store's sender name (its name when it set none)
 * with its reply-to, with the invite and command ids as headers. The provider message id is the SMTP
 * {@code Message-ID}.
 */
@Component
class EmailDelivery implements ChannelDelivery {

    private final EmailTemplates templates;
    private final EmailSender sender;

    EmailDelivery(EmailTemplates templates, EmailSender sender) {
        this.templates = templates;
        this.sender = sender;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public String reasonToSkip(InviteSnapshot invite) {
        return isBlank(invite.email()) ? "the invite has no email address" : null;
    }

    @Override
    public CompletableFuture<String> send(Invitation invitation) {
        InviteSnapshot invite = invitation.invite();
        StoreStamp store = invite.store();
        RenderedEmail rendered = templates.render(invite.storeId(), invitation.locales(), invitation.model());
        return sender.send(new OutgoingEmail(
                invite.email(),
                isBlank(store.senderName()) ? store.storeName() : store.senderName(),
                store.replyTo(),
                rendered.subject(),
                rendered.text(),
                rendered.html(),
                Map.of(
                        "X-Invite-Id",
                        invite.id(),
                        "X-Command-Id",
                        invitation.command().commandId())));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
