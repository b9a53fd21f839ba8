package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.InviteLinks;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.document.InviteSnapshot;
import com.boxncase.invites.document.InviteStatus;
import com.boxncase.invites.document.StoreStamp;
import com.boxncase.invites.notifier.LinkProperties;
import com.boxncase.invites.notifier.delivery.DeliveryMetrics.Outcome;
import com.boxncase.invites.notifier.ledger.LedgerEntry;
import com.boxncase.invites.notifier.ledger.LedgerKey;
import com.boxncase.invites.notifier.ledger.LedgerOutcome;
import com.boxncase.invites.notifier.ledger.NotifyLedger;
import com.boxncase.invites.notifier.template.InviteModels;
import com.boxncase.invites.templates.InviteModel;
import com.boxncase.invites.templates.Locales;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Delivers a batch of commands, from {@code invites.notify} or from a retry topic, with a fixed number of round
 * trips however large the batch:
 *
 * <ol>
 *   <li>read each record; one that is not a readable command goes to the dead-letter topic as its bytes;
 *   <li>read the ledger entries of every command and channel with one {@code $in}; a command seen before and done
 *       is reported again and nothing is sent; one waiting on a retry topic is left there;
 *   <li>read the batch's invites with one {@code $in}; skip what is stale (deleted, no longer pending, expired, link
 *       replaced, channel not the invite's) and fail at once what cannot be sent (no store settings, no provider);
 *   <li>render everything else from the invite document, never from the command (which carries ids only), and send
 *       it, all channels and commands in parallel;
 *   <li>record the outcomes with one unordered bulk of upserts by {@code _id}: the ledger's only write per command
 *       and channel;
 *   <li>publish the status events, the retries and the dead letters, and wait for Kafka to take them all once;
 *   <li>only then mark the retried entries RETRYING (one more bulk, in batches that have retries): RETRYING promises
 *       that the retry topic holds the command.
 * </ol>
 *
 * <p>A transient failure hands only that command, narrowed to its failed channels, to the retry topic of its next
 * attempt; everything else in the batch completes, and the caller commits the batch. A failure of MongoDB or Kafka
 * itself throws, and the whole batch is tried again: the ledger makes that safe.
 */
@Component
class BatchDelivery {

    static final String NO_STORE_SETTINGS = "the invite has no store settings to send with";
    private static final Logger log = LoggerFactory.getLogger(BatchDelivery.class);

    private final NotifyCommandReader reader;
    private final RetryChain chain;
    private final RetrySchedule schedule;
    private final NotifyLedger ledger;
    private final Invites invites;
    private final Map<Channel, ChannelDelivery> channels = new EnumMap<>(Channel.class);
    private final KafkaTemplate<String, Object> kafka;
    private final DeliveryMetrics metrics;
    private final InviteLinks links;
    private final InviteModels models;
    private final Clock clock = Clock.systemUTC();

    BatchDelivery(
            NotifyCommandReader reader,
            RetryChain chain,
            RetrySchedule schedule,
            NotifyLedger ledger,
            Invites invites,
            List<ChannelDelivery> deliveries,
            KafkaTemplate<String, Object> kafka,
            DeliveryMetrics metrics,
            LinkProperties linkProperties,
            InviteModels models) {
        this.reader = reader;
        this.chain = chain;
        this.schedule = schedule;
        this.ledger = ledger;
        this.invites = invites;
        deliveries.forEach(delivery -> channels.put(delivery.channel(), delivery));
        this.kafka = kafka;
        this.metrics = metrics;
        this.links = linkProperties.inviteLinks();
        this.models = models;
    }

    void deliver(List<ConsumerRecord<String, byte[]>> records) {
        long started = System.nanoTime();
        metrics.batch(!records.isEmpty() && !Topics.NOTIFY.equals(records.get(0).topic()), records.size());
        Outbound outbound = new Outbound();
        Tally tally = new Tally();
        List<Task> tasks = read(records, outbound, tally);
        List<Task> attempts = unlessSeenBefore(tasks, outbound, tally);
        List<Task> sending = check(attempts);
        awaitSends(sending);

        Instant now = clock.instant();
        List<LedgerOutcome> finished = new ArrayList<>();
        List<LedgerOutcome> retrying = new ArrayList<>();
        for (Task task : attempts) {
            if (task.state == DeliveryState.RETRYING) {
                task.nextAttemptAt = now.plus(schedule.delayAfter(task.attempt));
                retrying.add(task.ledgerOutcome());
            } else {
                finished.add(task.ledgerOutcome());
            }
        }
        ledger.record(finished, now);
        for (Task task : attempts) {
            report(task, outbound, tally, now);
        }
        handOn(attempts, outbound);
        outbound.awaitAll();
        ledger.record(retrying, now);

        if (log.isInfoEnabled() && (tally.sent < tasks.size() || tally.unreadable > 0)) {
            log.info(
                    "Batch of {} records in {} ms: {}",
                    records.size(),
                    (System.nanoTime() - started) / 1_000_000,
                    tally);
        } else if (log.isDebugEnabled()) {
            log.debug(
                    "Batch of {} records in {} ms: {}",
                    records.size(),
                    (System.nanoTime() - started) / 1_000_000,
                    tally);
        }
    }

    /** One task per command and channel; the same command twice in a batch (a duplicate publish) counts once. */
    private List<Task> read(List<ConsumerRecord<String, byte[]>> records, Outbound outbound, Tally tally) {
        Map<String, Task> tasks = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            NotifyInvite command;
            try {
                command = reader.read(record.value());
            } catch (UnsupportedCommand e) {
                log.warn(
                        "Unreadable record {}-{}@{} (key {}) dead-lettered as it came: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.key(),
                        e.getMessage());
                metrics.poison();
                tally.unreadable++;
                outbound.send(chain.deadLetterAsIs(record, e));
                continue;
            }
            IncomingCommand incoming = new IncomingCommand(record, command, chain.attemptOf(record));
            for (Channel channel : command.channels()) {
                Task task = new Task(incoming, channel);
                if (tasks.putIfAbsent(task.ledgerId, task) != null) {
                    metrics.count(channel, Outcome.DUPLICATE);
                    tally.alreadyHandled++;
                }
            }
        }
        return new ArrayList<>(tasks.values());
    }

    /** The tasks to attempt now: those the ledger has not seen done, nor waiting on a retry topic. */
    private List<Task> unlessSeenBefore(List<Task> tasks, Outbound outbound, Tally tally) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        Map<String, LedgerEntry> seenBefore =
                ledger.find(tasks.stream().map(task -> task.ledgerId).toList());
        Instant now = clock.instant();
        List<Task> attempts = new ArrayList<>(tasks.size());
        for (Task task : tasks) {
            LedgerEntry entry = seenBefore.get(task.ledgerId);
            if (entry == null) {
                attempts.add(task);
            } else if (entry.isDone()) {
                // A redelivery of a finished command: nothing is sent, the recorded outcome is reported again
                // (invite-api ignores an event that does not move the delivery forward).
                try (var context = CommandLogContext.of(task.incoming)) {
                    log.info("{} of the command already {}, nothing sent", task.channel, entry.state());
                }
                metrics.count(task.channel, Outcome.DUPLICATE);
                tally.alreadyHandled++;
                outbound.send(DeliveryStatusEvents.event(
                        task.incoming,
                        task.channel,
                        entry.state(),
                        entry.attempts(),
                        entry.providerMessageId(),
                        entry.lastError(),
                        null,
                        now));
            } else if (entry.state() == DeliveryState.RETRYING && entry.attempts() >= task.attempt) {
                // A redelivery of an attempt that failed and was handed to a retry topic: the retry is on its way.
                metrics.count(task.channel, Outcome.DUPLICATE);
                tally.alreadyHandled++;
            } else {
                // A retry that is due (RETRYING after an earlier attempt), or an entry an older notifier left SENDING
                // when it stopped in the middle of an attempt: whether that attempt reached the provider is unknown,
                // so it is made again, as the next attempt.
                if (entry.state() == DeliveryState.SENDING) {
                    task.attempt = Math.max(task.attempt, entry.attempts() + 1);
                }
                attempts.add(task);
            }
        }
        return attempts;
    }

    /** Settles what needs no sending (SKIPPED, FAILED at once) and starts every send; returns the tasks sending. */
    private List<Task> check(List<Task> attempts) {
        if (attempts.isEmpty()) {
            return List.of();
        }
        Set<String> inviteIds = new LinkedHashSet<>();
        attempts.forEach(task -> inviteIds.add(task.incoming.command().inviteId()));
        Map<String, InviteSnapshot> found = invites.find(inviteIds);
        Instant now = clock.instant();
        Map<String, Invitation> invitations = new HashMap<>();
        List<Task> sending = new ArrayList<>(attempts.size());
        for (Task task : attempts) {
            NotifyInvite command = task.incoming.command();
            InviteSnapshot invite = found.get(command.inviteId());
            ChannelDelivery delivery = channels.get(task.channel);
            String skip = reasonToSkip(command, invite, delivery, now);
            if (skip != null) {
                task.settle(DeliveryState.SKIPPED, null, skip, null);
                continue;
            }
            String fail = invite.store() == null || isBlank(invite.store().acceptUrlBase())
                    ? NO_STORE_SETTINGS
                    : delivery.reasonNotToAttempt();
            if (fail != null) {
                task.settle(DeliveryState.FAILED, null, fail, PermanentDeliveryFailure.class);
                continue;
            }
            int attempt = task.attempt;
            Invitation shared =
                    invitations.computeIfAbsent(command.commandId(), id -> invitation(command, invite, attempt));
            Invitation invitation = shared.attempt() == task.attempt
                    ? shared
                    : new Invitation(command, invite, task.attempt, shared.model(), shared.locales());
            try {
                task.sending = delivery.send(invitation);
            } catch (RuntimeException e) {
                task.sending = CompletableFuture.failedFuture(e);
            }
            sending.add(task);
        }
        return sending;
    }

    private static String reasonToSkip(
            NotifyInvite command, InviteSnapshot invite, ChannelDelivery delivery, Instant now) {
        if (invite == null) {
            return "invite deleted";
        }
        InviteStatus status = invite.statusAt(now);
        if (status == InviteStatus.EXPIRED) {
            return "invite expired";
        }
        if (status != InviteStatus.PENDING) {
            return "invite is " + status;
        }
        if (!command.linkId().equals(invite.linkId())) {
            return "link replaced by a newer one";
        }
        // An invite written before it recorded its channels lists none: the command's choice stands then.
        if (!invite.channels().isEmpty() && !invite.channels().contains(delivery.channel())) {
            return "the invite is not sent by " + delivery.channel();
        }
        return delivery.reasonToSkip(invite);
    }

    /** The template model of the invite as stored; the link is the invite's live link, derived from its id. */
    private Invitation invitation(NotifyInvite command, InviteSnapshot invite, int attempt) {
        StoreStamp store = invite.store();
        List<String> locales = Locales.candidates(invite.locale(), store.defaultLocale());
        InviteModel model = models.of(
                invite, links.url(store.acceptUrlBase(), invite.id(), invite.linkId()), command.reason(), locales);
        return new Invitation(command, invite, attempt, model, locales);
    }

    private void awaitSends(List<Task> sending) {
        for (Task task : sending) {
            try {
                task.settle(DeliveryState.SENT, task.sending.join(), null, null);
            } catch (CompletionException | CancellationException e) {
                failed(task, e.getCause() == null ? e : e.getCause());
            }
        }
    }

    private void failed(Task task, Throwable failure) {
        while ((failure instanceof CompletionException || failure instanceof ExecutionException)
                && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure instanceof PermanentDeliveryFailure) {
            task.settle(DeliveryState.FAILED, null, failure.getMessage(), PermanentDeliveryFailure.class);
            return;
        }
        if (!(failure instanceof TransientDeliveryFailure)) {
            // Not a provider's answer but something unexpected (a bug, a template error): retried like a transient
            // failure, so one bad invite cannot fail the batch, with the stack trace for whoever looks into it.
            try (var context = CommandLogContext.of(task.incoming)) {
                log.error("{} attempt {} failed unexpectedly", task.channel, task.attempt, failure);
            }
        }
        String error = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (schedule.exhausted(task.attempt)) {
            task.settle(DeliveryState.FAILED, null, error, TransientDeliveryFailure.class);
            task.exhausted = true;
        } else {
            task.settle(DeliveryState.RETRYING, null, error, TransientDeliveryFailure.class);
        }
    }

    /** The task's status event, metric and log line. */
    private void report(Task task, Outbound outbound, Tally tally, Instant now) {
        outbound.send(DeliveryStatusEvents.event(
                task.incoming,
                task.channel,
                task.state,
                task.attempt,
                task.providerMessageId,
                task.error,
                task.nextAttemptAt,
                now));
        switch (task.state) {
            case SENT -> {
                tally.sent++;
                metrics.count(task.channel, Outcome.SENT);
                metrics.accepted(task.channel, task.incoming.command().issuedAt(), now);
                if (log.isDebugEnabled()) {
                    try (var context = CommandLogContext.of(task.incoming)) {
                        log.debug("{} sent on attempt {} as {}", task.channel, task.attempt, task.providerMessageId);
                    }
                }
            }
            case SKIPPED -> {
                tally.skipped++;
                metrics.count(task.channel, Outcome.SKIPPED);
                try (var context = CommandLogContext.of(task.incoming)) {
                    log.info("{} skipped: {}", task.channel, task.error);
                }
            }
            case RETRYING -> {
                tally.retrying++;
                metrics.count(task.channel, Outcome.RETRIED);
                try (var context = CommandLogContext.of(task.incoming)) {
                    log.warn(
                            "{} attempt {} failed, next attempt at {}: {}",
                            task.channel,
                            task.attempt,
                            task.nextAttemptAt,
                            task.error);
                }
            }
            default -> {
                tally.failed++;
                metrics.count(task.channel, Outcome.FAILED);
                try (var context = CommandLogContext.of(task.incoming)) {
                    log.warn(
                            task.exhausted
                                    ? "{} attempt {} failed, no attempts left: {}"
                                    : "{} attempt {} failed for good: {}",
                            task.channel,
                            task.attempt,
                            task.error);
                }
            }
        }
    }

    /**
     * One retry record per command for its channels that are RETRYING, and one dead letter per command for its
     * channels that FAILED; a command's other channels are done and go nowhere.
     */
    private void handOn(List<Task> attempts, Outbound outbound) {
        Map<IncomingCommand, List<Task>> retries = new LinkedHashMap<>();
        Map<IncomingCommand, List<Task>> deadLetters = new LinkedHashMap<>();
        for (Task task : attempts) {
            if (task.state == DeliveryState.RETRYING) {
                retries.computeIfAbsent(task.incoming, key -> new ArrayList<>()).add(task);
            } else if (task.state == DeliveryState.FAILED) {
                deadLetters
                        .computeIfAbsent(task.incoming, key -> new ArrayList<>())
                        .add(task);
            }
        }
        retries.forEach((incoming, tasks) -> {
            Task first = tasks.get(0);
            outbound.send(chain.retry(incoming, channelsOf(tasks), first.nextAttemptAt, first.failure, first.error));
        });
        deadLetters.forEach((incoming, tasks) -> {
            Task first = tasks.get(0);
            outbound.send(chain.deadLetter(incoming, channelsOf(tasks), first.attempt, first.failure, first.error));
        });
    }

    private static List<Channel> channelsOf(List<Task> tasks) {
        return tasks.stream().map(task -> task.channel).toList();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** One command on one channel, as the batch moves it along. */
    private static final class Task {
        final IncomingCommand incoming;
        final Channel channel;
        final LedgerKey ledgerKey;
        final String ledgerId;
        int attempt;
        CompletableFuture<String> sending;
        DeliveryState state;
        String providerMessageId;
        String error;
        Class<?> failure;
        Instant nextAttemptAt;
        boolean exhausted;

        Task(IncomingCommand incoming, Channel channel) {
            this.incoming = incoming;
            this.channel = channel;
            this.attempt = incoming.attempt();
            this.ledgerKey = new LedgerKey(
                    incoming.command().commandId(), channel, incoming.command().inviteId());
            this.ledgerId = ledgerKey.id();
        }

        void settle(DeliveryState state, String providerMessageId, String error, Class<?> failure) {
            this.state = state;
            this.providerMessageId = providerMessageId;
            this.error = error;
            this.failure = failure;
        }

        LedgerOutcome ledgerOutcome() {
            return new LedgerOutcome(ledgerKey, state, attempt, providerMessageId, error, nextAttemptAt);
        }
    }

    /** What a batch did, for its log line. */
    private static final class Tally {
        int sent;
        int skipped;
        int failed;
        int retrying;
        int alreadyHandled;
        int unreadable;

        @Override
        public String toString() {
            return sent + " sent, " + skipped + " skipped, " + failed + " failed, " + retrying + " retrying, "
                    + alreadyHandled + " already handled, " + unreadable + " unreadable";
        }
    }

    /**
     * The batch's records to Kafka: sent as they are produced, then flushed and awaited once, so the batch pays one
     * round trip to the broker instead of one per record, and no {@code linger.ms} wait.
     */
    private final class Outbound {
        private final List<CompletableFuture<?>> sends = new ArrayList<>();

        void send(ProducerRecord<String, Object> record) {
            sends.add(kafka.send(record));
        }

        /** Returns once Kafka has every record; throws, so the batch is tried again, if it refused any. */
        void awaitAll() {
            if (sends.isEmpty()) {
                return;
            }
            kafka.flush();
            for (CompletableFuture<?> send : sends) {
                try {
                    send.join();
                } catch (CompletionException | CancellationException e) {
                    throw new IllegalStateException(
                            "Kafka did not take the batch's status events, retries or dead letters", e);
                }
            }
        }
    }
}
