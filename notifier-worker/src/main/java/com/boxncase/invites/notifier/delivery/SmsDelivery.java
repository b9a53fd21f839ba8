package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.InviteLinks;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.notifier.LinkProperties;
import com.boxncase.invites.notifier.NotifierProperties;
import com.boxncase.invites.notifier.delivery.sms.OutgoingSms;
import com.boxncase.invites.notifier.delivery.sms.SmsSender;
import com.boxncase.invites.notifier.ledger.LedgerEntry;
import com.boxncase.invites.notifier.ledger.NotifyLedger;
import com.boxncase.invites.notifier.template.SmsTemplates;
import com.boxncase.invites.templates.RenderedSms;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers one command by SMS with the same steps as {@link EmailDelivery} and its own ledger entry (command id
 * + SMS): skip what is done, drop what is stale, record the attempt, send, record the outcome with the Twilio
 * message SID. Without a configured provider or a phone number it fails at once. The segments each text costs
 * are logged and recorded in the distribution summary {@code invites.sms.segments}.
 */
@Component
class SmsDelivery {

    private static final Logger log = LoggerFactory.getLogger(SmsDelivery.class);
    private static final Channel SMS = Channel.SMS;

    private final NotifyLedger ledger;
    private final Invites invites;
    private final SmsTemplates templates;
    private final SmsSender sender;
    private final DeliveryStatusPublisher status;
    private final DeliveryMetrics metrics;
    private final InviteLinks links;
    private final int maxAttempts;
    private final DistributionSummary segments;

    SmsDelivery(
            NotifyLedger ledger,
            Invites invites,
            SmsTemplates templates,
            SmsSender sender,
            DeliveryStatusPublisher status,
            DeliveryMetrics metrics,
            LinkProperties linkProperties,
            NotifierProperties properties,
            MeterRegistry meters) {
        this.ledger = ledger;
        this.invites = invites;
        this.templates = templates;
        this.sender = sender;
        this.status = status;
        this.metrics = metrics;
        this.links = linkProperties.inviteLinks();
        this.maxAttempts = properties.retry().attempts();
        this.segments = DistributionSummary.builder("invites.sms.segments")
                .description("SMS segments per invitation text sent (GSM-7: 160/153, UCS-2: 70/67 per segment)")
                .baseUnit("segments")
                .register(meters);
    }

    void deliver(NotifyInvite command) {
        Optional<LedgerEntry> done = ledger.find(command.commandId(), SMS).filter(LedgerEntry::isDone);
        if (done.isPresent()) {
            LedgerEntry entry = done.get();
            log.info("SMS of the command already {}, nothing sent", entry.state());
            metrics.count(SMS, "duplicate");
            status.publish(command, SMS, entry.state(), entry.attempts(), entry.providerMessageId(), entry.lastError());
            return;
        }
        String reasonNotToSend = invites.reasonNotToSend(command.inviteId(), command.linkId());
        if (reasonNotToSend != null) {
            log.info("SMS skipped: {}", reasonNotToSend);
            ledger.record(command.commandId(), SMS, DeliveryState.SKIPPED, null, reasonNotToSend);
            metrics.count(SMS, "skipped");
            status.publish(command, SMS, DeliveryState.SKIPPED, 0, null, reasonNotToSend);
            return;
        }
        if (!sender.isConfigured()) {
            failAtOnce(command, "SMS channel not configured");
        }
        if (command.phone() == null || command.phone().isBlank()) {
            failAtOnce(command, "the invite has no phone number");
        }
        Optional<Integer> started = ledger.beginAttempt(command.commandId(), SMS, command.inviteId());
        if (started.isEmpty()) {
            return;
        }
        int attempt = started.get();
        status.publish(command, SMS, DeliveryState.SENDING, attempt, null, null);
        RenderedSms text = templates.render(
                command, links.url(command.store().acceptUrlBase(), command.inviteId(), command.linkId()));
        String sid;
        try {
            sid = sender.send(new OutgoingSms(command.phone(), text.text()));
        } catch (TransientDeliveryFailure e) {
            ledger.record(command.commandId(), SMS, DeliveryState.RETRYING, null, e.getMessage());
            if (attempt < maxAttempts) {
                log.warn("SMS attempt {} failed, will retry: {}", attempt, e.getMessage());
                metrics.count(SMS, "retried");
                status.publish(command, SMS, DeliveryState.RETRYING, attempt, null, e.getMessage());
            } else {
                log.warn("SMS attempt {} failed, no attempts left: {}", attempt, e.getMessage());
            }
            throw e;
        } catch (PermanentDeliveryFailure e) {
            log.warn("SMS attempt {} failed for good: {}", attempt, e.getMessage());
            ledger.record(command.commandId(), SMS, DeliveryState.FAILED, null, e.getMessage());
            metrics.count(SMS, "failed");
            status.publish(command, SMS, DeliveryState.FAILED, attempt, null, e.getMessage());
            throw e;
        }
        ledger.record(command.commandId(), SMS, DeliveryState.SENT, sid, null);
        metrics.count(SMS, "sent");
        segments.record(text.segments().segments());
        log.info(
                "Invitation SMS sent on attempt {} as {}: {} segment(s), {} {} units",
                attempt,
                sid,
                text.segments().segments(),
                text.segments().units(),
                text.segments().encoding());
        status.publish(command, SMS, DeliveryState.SENT, attempt, sid, null);
    }

    /** A command whose retries are exhausted, or that failed for good, reached the dead-letter topic. */
    void deadLettered(NotifyInvite command, String error) {
        Optional<LedgerEntry> entry = Optional.empty();
        try {
            entry = ledger.find(command.commandId(), SMS);
        } catch (RuntimeException e) {
            log.warn("Ledger unreadable while reporting a dead letter: {}", e.toString());
        }
        if (entry.filter(LedgerEntry::isDone).isPresent()) {
            return;
        }
        String reason = entry.map(LedgerEntry::lastError).orElse(error);
        int attempts = entry.map(LedgerEntry::attempts).orElse(0);
        log.warn("SMS delivery failed after {} attempts: {}", attempts, reason);
        metrics.count(SMS, "failed");
        status.publish(command, SMS, DeliveryState.FAILED, attempts, null, reason);
        ledger.record(command.commandId(), SMS, DeliveryState.FAILED, null, reason);
    }

    private void failAtOnce(NotifyInvite command, String reason) {
        log.warn("SMS not sent: {}", reason);
        ledger.record(command.commandId(), SMS, DeliveryState.FAILED, null, reason);
        metrics.count(SMS, "failed");
        status.publish(command, SMS, DeliveryState.FAILED, 0, null, reason);
        throw new PermanentDeliveryFailure(reason, null);
    }
}
