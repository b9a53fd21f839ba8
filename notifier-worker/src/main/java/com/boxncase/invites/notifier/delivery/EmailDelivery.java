package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.InviteLinks;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.notifier.LinkProperties;
import com.boxncase.invites.notifier.NotifierProperties;
import com.boxncase.invites.notifier.delivery.email.EmailSender;
import com.boxncase.invites.notifier.delivery.email.OutgoingEmail;
import com.boxncase.invites.notifier.ledger.LedgerEntry;
import com.boxncase.invites.notifier.ledger.NotifyLedger;
import com.boxncase.invites.notifier.template.EmailTemplates;
import com.boxncase.invites.templates.RenderedEmail;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers one command by email, at most once per command as far as the ledger can tell: skip what is done,
 * drop what is stale (SKIPPED), record the attempt, send, record the outcome, and report each step.
 */
@Component
class EmailDelivery {

    private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);
    private static final Channel EMAIL = Channel.EMAIL;

    private final NotifyLedger ledger;
    private final Invites invites;
    private final EmailTemplates templates;
    private final EmailSender sender;
    private final DeliveryStatusPublisher status;
    private final DeliveryMetrics metrics;
    private final InviteLinks links;
    private final int maxAttempts;

    EmailDelivery(
            NotifyLedger ledger,
            Invites invites,
            EmailTemplates templates,
            EmailSender sender,
            DeliveryStatusPublisher status,
            DeliveryMetrics metrics,
            LinkProperties linkProperties,
            NotifierProperties properties) {
        this.ledger = ledger;
        this.invites = invites;
        this.templates = templates;
        this.sender = sender;
        this.status = status;
        this.metrics = metrics;
        this.links = linkProperties.inviteLinks();
        this.maxAttempts = properties.retry().attempts();
    }

    void deliver(NotifyInvite command) {
        Optional<LedgerEntry> done = ledger.find(command.commandId(), EMAIL).filter(LedgerEntry::isDone);
        if (done.isPresent()) {
            LedgerEntry entry = done.get();
            log.info("Command already {}, nothing sent", entry.state());
            metrics.count(EMAIL, "duplicate");
            status.publish(command, entry.state(), entry.attempts(), entry.providerMessageId(), entry.lastError());
            return;
        }
        String reasonNotToSend = invites.reasonNotToSend(command.inviteId(), command.linkId());
        if (reasonNotToSend != null) {
            log.info("Command skipped: {}", reasonNotToSend);
            ledger.record(command.commandId(), EMAIL, DeliveryState.SKIPPED, null, reasonNotToSend);
            metrics.count(EMAIL, "skipped");
            status.publish(command, DeliveryState.SKIPPED, 0, null, reasonNotToSend);
            return;
        }
        Optional<Integer> started = ledger.beginAttempt(command.commandId(), EMAIL, command.inviteId());
        if (started.isEmpty()) {
            return;
        }
        int attempt = started.get();
        status.publish(command, DeliveryState.SENDING, attempt, null, null);
        OutgoingEmail email = compose(command);
        String messageId;
        try {
            messageId = sender.send(email);
        } catch (TransientDeliveryFailure e) {
            ledger.record(command.commandId(), EMAIL, DeliveryState.RETRYING, null, e.getMessage());
            if (attempt < maxAttempts) {
                log.warn("Attempt {} failed, will retry: {}", attempt, e.getMessage());
                metrics.count(EMAIL, "retried");
                status.publish(command, DeliveryState.RETRYING, attempt, null, e.getMessage());
            } else {
                log.warn("Attempt {} failed, no attempts left: {}", attempt, e.getMessage());
            }
            throw e;
        } catch (PermanentDeliveryFailure e) {
            log.warn("Attempt {} failed for good: {}", attempt, e.getMessage());
            ledger.record(command.commandId(), EMAIL, DeliveryState.FAILED, null, e.getMessage());
            metrics.count(EMAIL, "failed");
            status.publish(command, DeliveryState.FAILED, attempt, null, e.getMessage());
            throw e;
        }
        ledger.record(command.commandId(), EMAIL, DeliveryState.SENT, messageId, null);
        metrics.count(EMAIL, "sent");
        metrics.accepted(EMAIL, command.issuedAt());
        log.info("Invitation email sent on attempt {} as {}", attempt, messageId);
        status.publish(command, DeliveryState.SENT, attempt, messageId, null);
    }

    /** A command whose retries are exhausted, or that failed for good, reached the dead-letter topic. */
    void deadLettered(NotifyInvite command, String error) {
        Optional<LedgerEntry> entry = Optional.empty();
        try {
            entry = ledger.find(command.commandId(), EMAIL);
        } catch (RuntimeException e) {
            log.warn("Ledger unreadable while reporting a dead letter: {}", e.toString());
        }
        if (entry.filter(LedgerEntry::isDone).isPresent()) {
            return; // a permanent failure already reported FAILED; a skip or a send stands
        }
        String reason = entry.map(LedgerEntry::lastError).orElse(error);
        int attempts = entry.map(LedgerEntry::attempts).orElse(0);
        log.warn("Delivery failed after {} attempts: {}", attempts, reason);
        metrics.count(EMAIL, "failed");
        status.publish(command, DeliveryState.FAILED, attempts, null, reason);
        ledger.record(command.commandId(), EMAIL, DeliveryState.FAILED, null, reason);
    }

    private OutgoingEmail compose(NotifyInvite command) {
        NotifyInvite.StoreBranding store = command.store();
        String acceptUrl = links.url(store.acceptUrlBase(), command.inviteId(), command.linkId());
        RenderedEmail rendered = templates.render(command, acceptUrl);
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
}
