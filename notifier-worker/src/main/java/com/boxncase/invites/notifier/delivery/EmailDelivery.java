package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.notifier.LinkProperties;
import com.boxncase.invites.notifier.NotifierProperties;
import com.boxncase.invites.notifier.delivery.email.EmailSender;
import com.boxncase.invites.notifier.delivery.email.OutgoingEmail;
import com.boxncase.invites.notifier.ledger.NotifyLedger;
import com.boxncase.invites.notifier.template.EmailTemplates;
import com.boxncase.invites.notifier.template.InviteModels;
import com.boxncase.invites.templates.Locales;
import com.boxncase.invites.templates.RenderedEmail;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers one command by email with the steps of {@link ChannelDelivery}: the email carries the store's sender
 * name and reply-to, and the invite and command ids as headers; the provider message id is the SMTP
 * {@code Message-ID}. Its acceptance is timed from the command's {@code issuedAt}.
 */
@Component
class EmailDelivery extends ChannelDelivery<OutgoingEmail> {

    private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);
    private static final LogLines LINES = new LogLines(
            "Command already {}, nothing sent",
            "Command skipped: {}",
            "Email not sent: {}",
            "Attempt {} failed, will retry: {}",
            "Attempt {} failed, no attempts left: {}",
            "Attempt {} failed for good: {}",
            "Delivery failed after {} attempts: {}");

    private final EmailTemplates templates;
    private final InviteModels models;
    private final EmailSender sender;
    private final DeliveryMetrics metrics;

    EmailDelivery(
            NotifyLedger ledger,
            Invites invites,
            EmailTemplates templates,
            InviteModels models,
            EmailSender sender,
            DeliveryStatusPublisher status,
            DeliveryMetrics metrics,
            LinkProperties linkProperties,
            NotifierProperties properties) {
        super(Channel.EMAIL, log, LINES, ledger, invites, status, metrics, linkProperties, properties);
        this.templates = templates;
        this.models = models;
        this.sender = sender;
        this.metrics = metrics;
    }

    @Override
    OutgoingEmail compose(NotifyInvite command, String acceptUrl) {
        NotifyInvite.StoreBranding store = command.store();
        List<String> locales = Locales.candidates(command.locale(), command.storeDefaultLocale());
        RenderedEmail rendered = templates.render(command.storeId(), locales, models.of(command, acceptUrl, locales));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Invite-Id", command.inviteId());
        headers.put("X-Command-Id", command.commandId());
        String senderName =
                store.senderName() == null || store.senderName().isBlank() ? store.storeName() : store.senderName();
        return new OutgoingEmail(
                command.email(),
                senderName,
                store.replyTo(),
                rendered.subject(),
                rendered.text(),
                rendered.html(),
                headers);
    }

    @Override
    String send(NotifyInvite command, OutgoingEmail email) {
        return sender.send(email);
    }

    @Override
    void sent(NotifyInvite command, OutgoingEmail email, int attempt, String messageId) {
        log.info("Invitation email sent on attempt {} as {}", attempt, messageId);
    }
}
