package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.InviteLinks;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.notifier.LinkProperties;
import com.boxncase.invites.notifier.NotifierProperties;
import com.boxncase.invites.notifier.ledger.LedgerEntry;
import com.boxncase.invites.notifier.ledger.NotifyLedger;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Delivers one command on one channel, at most once per command and channel as far as the ledger can tell: skip
 * what is done, drop what is stale (SKIPPED), record the attempt before the send, send, record the outcome, and
 * report each step as a status event and a metric. A subclass says only what is its channel's own: how the
 * message is composed and sent, whether the channel can send at all, and what a sent message adds to metrics and
 * the log.
 *
 * @param <M> the composed message the channel sends
 */
abstract class ChannelDelivery<M> {

    /**
     * The log lines of one channel, word for word as each channel has always written them, so that searches and
     * alerts on them keep matching. Each takes the same arguments in every channel.
     */
    record LogLines(
            String alreadyDone,
            String skipped,
            String notSent,
            String willRetry,
            String noAttemptsLeft,
            String failedForGood,
            String deadLettered) {}

    private final Channel channel;
    // the subclass's logger, so that log lines keep the channel's class as their logger name
    private final Logger log;
    private final LogLines lines;
    private final NotifyLedger ledger;
    private final Invites invites;
    private final DeliveryStatusPublisher status;
    private final DeliveryMetrics metrics;
    private final InviteLinks links;
    private final int maxAttempts;

    ChannelDelivery(
            Channel channel,
            Logger log,
            LogLines lines,
            NotifyLedger ledger,
            Invites invites,
            DeliveryStatusPublisher status,
            DeliveryMetrics metrics,
            LinkProperties linkProperties,
            NotifierProperties properties) {
        this.channel = channel;
        this.log = log;
        this.lines = lines;
        this.ledger = ledger;
        this.invites = invites;
        this.status = status;
        this.metrics = metrics;
        this.links = linkProperties.inviteLinks();
        this.maxAttempts = properties.retry().attempts();
    }

    /**
     * Why this channel cannot send {@code command} at all (no provider, no address), checked before an attempt is
     * recorded; such a command fails at once without retries. {@code null} when it can.
     */
    String reasonNotToAttempt(NotifyInvite command) {
        return null;
    }

    /** Renders the message; {@code acceptUrl} carries the token and must never be logged. */
    abstract M compose(NotifyInvite command, String acceptUrl);

    /**
     * @return the provider message id
     * @throws TransientDeliveryFailure when a later attempt may succeed
     * @throws PermanentDeliveryFailure when no attempt will
     */
    abstract String send(NotifyInvite command, M message);

    /** The channel's own metrics and log line for a message the provider accepted, before SENT is published. */
    abstract void sent(NotifyInvite command, M message, int attempt, String providerMessageId);

    void deliver(NotifyInvite command) {
        String reasonNotToAttempt = reasonNotToAttempt(command); // local checks, before any I/O
        if (reasonNotToAttempt != null) {
            failAtOnce(command, reasonNotToAttempt);
        }
        // Claiming the attempt first costs no extra round trip on the common path; only a command that is
        // already done (a redelivery) reads its ledger entry, to report the recorded outcome again.
        Optional<Integer> started = ledger.beginAttempt(command.commandId(), channel, command.inviteId());
        if (started.isEmpty()) {
            reportAgain(command);
            return;
        }
        String reasonNotToSend = invites.reasonNotToSend(command.inviteId(), command.linkId());
        if (reasonNotToSend != null) {
            log.info(lines.skipped(), reasonNotToSend);
            ledger.record(command.commandId(), channel, DeliveryState.SKIPPED, null, reasonNotToSend);
            metrics.count(channel, "skipped");
            status.publish(command, channel, DeliveryState.SKIPPED, 0, null, reasonNotToSend);
            return;
        }
        int attempt = started.get();
        status.publish(command, channel, DeliveryState.SENDING, attempt, null, null);
        M message = compose(command, links.url(command.store().acceptUrlBase(), command.inviteId(), command.linkId()));
        String providerMessageId;
        try {
            providerMessageId = send(command, message);
        } catch (TransientDeliveryFailure e) {
            ledger.record(command.commandId(), channel, DeliveryState.RETRYING, null, e.getMessage());
            if (attempt < maxAttempts) {
                log.warn(lines.willRetry(), attempt, e.getMessage());
                metrics.count(channel, "retried");
                status.publish(command, channel, DeliveryState.RETRYING, attempt, null, e.getMessage());
            } else {
                log.warn(lines.noAttemptsLeft(), attempt, e.getMessage());
            }
            throw e;
        } catch (PermanentDeliveryFailure e) {
            log.warn(lines.failedForGood(), attempt, e.getMessage());
            ledger.record(command.commandId(), channel, DeliveryState.FAILED, null, e.getMessage());
            metrics.count(channel, "failed");
            status.publish(command, channel, DeliveryState.FAILED, attempt, null, e.getMessage());
            throw e;
        }
        ledger.record(command.commandId(), channel, DeliveryState.SENT, providerMessageId, null);
        metrics.count(channel, "sent");
        metrics.accepted(channel, command.issuedAt());
        sent(command, message, attempt, providerMessageId);
        status.publish(command, channel, DeliveryState.SENT, attempt, providerMessageId, null);
    }

    /** A redelivered command that is already done: nothing is sent, its recorded outcome is published again. */
    private void reportAgain(NotifyInvite command) {
        Optional<LedgerEntry> done = ledger.find(command.commandId(), channel).filter(LedgerEntry::isDone);
        if (done.isEmpty()) {
            return; // cannot happen: beginAttempt refuses only finished commands
        }
        LedgerEntry entry = done.get();
        log.info(lines.alreadyDone(), entry.state());
        metrics.count(channel, "duplicate");
        status.publish(command, channel, entry.state(), entry.attempts(), entry.providerMessageId(), entry.lastError());
    }

    /** A command whose retries are exhausted, or that failed for good, reached the dead-letter topic. */
    void deadLettered(NotifyInvite command, String error) {
        Optional<LedgerEntry> entry = Optional.empty();
        try {
            entry = ledger.find(command.commandId(), channel);
        } catch (RuntimeException e) {
            log.warn("Ledger unreadable while reporting a dead letter: {}", e.toString());
        }
        if (entry.filter(LedgerEntry::isDone).isPresent()) {
            return; // a permanent failure already reported FAILED; a skip or a send stands
        }
        String reason = entry.map(LedgerEntry::lastError).orElse(error);
        int attempts = entry.map(LedgerEntry::attempts).orElse(0);
        log.warn(lines.deadLettered(), attempts, reason);
        metrics.count(channel, "failed");
        status.publish(command, channel, DeliveryState.FAILED, attempts, null, reason);
        ledger.record(command.commandId(), channel, DeliveryState.FAILED, null, reason);
    }

    private void failAtOnce(NotifyInvite command, String reason) {
        log.warn(lines.notSent(), reason);
        ledger.record(command.commandId(), channel, DeliveryState.FAILED, null, reason);
        metrics.count(channel, "failed");
        status.publish(command, channel, DeliveryState.FAILED, 0, null, reason);
        throw new PermanentDeliveryFailure(reason, null);
    }
}
