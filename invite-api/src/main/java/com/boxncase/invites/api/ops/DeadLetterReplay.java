package com.boxncase.invites.api.ops;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.boxncase.invites.api.web.ProblemException;
import com.boxncase.invites.contracts.Actor;
import com.boxncase.invites.contracts.InviteEvent;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.document.DeliveryRecord;
import com.boxncase.invites.document.InviteDocument;
import com.boxncase.invites.document.InviteStatus;
import com.boxncase.invites.outbox.Outbox;
import com.boxncase.invites.outbox.OutboxMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Puts a dead-lettered command back on {@link Topics#NOTIFY} with a fresh attempt budget.
 *
 * <p>The replayed command's id is derived from the dead letter ({@code replay-<partition>-<offset>}), so it is
 * a new command to the notifier's ledger (which has the original recorded as FAILED) but the same command
 * however often the same dead letter is replayed. The invite document moves to that command in one
 * conditional update that also carries the command and a {@code DELIVERY_REPLAYED} event in its outbox: only
 * an invite still on the dead-lettered command, still pending and on the same link, moves; a second replay
 * finds the invite already on the replay command and queues nothing.
 */
@Component
class DeadLetterReplay {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;

    DeadLetterReplay(MongoTemplate mongo, Outbox outbox, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
    }

    static String replayCommandId(DeadLetter letter) {
        return "replay-" + letter.id();
    }

    /** Replays {@code letter}, or says why not (as one of {@link OpsProblems}). */
    Result replay(DeadLetter letter, Actor operator) {
        try {
            Result result = attempt(letter, operator);
            count(result.outcome().name().toLowerCase(Locale.ROOT));
            return result;
        } catch (ProblemException e) {
            count("refused");
            throw e;
        }
    }

    private Result attempt(DeadLetter letter, Actor operator) {
        NotifyInvite original = letter.command();
        if (original == null) {
            throw new OpsProblems.PoisonRecord(letter.id());
        }
        String replayId = replayCommandId(letter);
        String commandField = commandField(original);
        Document invite = read(original.inviteId());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        refuseUnlessReplayable(letter, invite, replayId, now);
        if (replayId.equals(invite.getString(commandField))) {
            return new Result(letter.id(), original.inviteId(), replayId, Outcome.ALREADY_REPLAYED);
        }

        NotifyInvite command = NotifyInvite.of(
                replayId,
                original.inviteId(),
                original.storeId(),
                original.reason(),
                original.channels(),
                original.linkId(),
                now);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("commandId", replayId);
        details.put("replayOf", original.commandId());
        details.put("deadLetter", letter.id());
        if (letter.exceptionClass() != null) {
            details.put("exceptionClass", letter.exceptionClass());
        }
        InviteEvent event = new InviteEvent(
                InviteEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                InviteEvent.Type.DELIVERY_REPLAYED,
                original.inviteId(),
                original.storeId(),
                invite.getString(InviteDocument.EMAIL),
                invite.getString(InviteDocument.ROLE),
                operator,
                details,
                now);
        OutboxMessage commandMessage = outbox.message(Topics.NOTIFY, original.inviteId(), replayId, command);
        OutboxMessage eventMessage = outbox.message(Topics.EVENTS, original.inviteId(), event.eventId(), event);

        Query stillOnTheDeadCommand = Query.query(where(InviteDocument.ID)
                .is(original.inviteId())
                .and(commandField)
                .is(original.commandId())
                .and(InviteDocument.STATUS)
                .is(InviteStatus.PENDING.name())
                .and(InviteDocument.LINK_ID)
                .is(original.linkId()));
        Update replay = new Update()
                .set(commandField, replayId)
                .set(
                        InviteDocument.deliveries(original.reason()),
                        DeliveryRecord.queuedDocument(command.channels(), replayId, now))
                .inc(InviteDocument.VERSION, 1);
        replay.push(InviteDocument.OUTBOX).each(commandMessage.toDocument(), eventMessage.toDocument());
        if (mongo.updateFirst(stillOnTheDeadCommand, replay, InviteDocument.COLLECTION)
                        .getModifiedCount()
                == 0) {
            // Someone changed the invite between the read and the write: a concurrent replay, or a resend.
            Document fresh = read(original.inviteId());
            if (fresh != null && replayId.equals(fresh.getString(commandField))) {
                return new Result(letter.id(), original.inviteId(), replayId, Outcome.ALREADY_REPLAYED);
            }
            throw new OpsProblems.DeadLetterNotReplayable(letter.id(), "the invite changed meanwhile; list again");
        }
        outbox.written(original.inviteId(), List.of(commandMessage, eventMessage));
        log.info(
                "Dead letter {} of invite {} replayed as command {} by {}",
                letter.id(),
                original.inviteId(),
                replayId,
                operator.id());
        return new Result(letter.id(), original.inviteId(), replayId, Outcome.REPLAYED);
    }

    private void refuseUnlessReplayable(DeadLetter letter, Document invite, String replayId, Instant now) {
        NotifyInvite original = letter.command();
        if (invite == null) {
            throw new OpsProblems.DeadLetterNotReplayable(letter.id(), "its invite no longer exists");
        }
        String current = invite.getString(commandField(original));
        if (replayId.equals(current)) {
            return; // already replayed: idempotent success
        }
        if (!original.commandId().equals(current)) {
            throw new OpsProblems.DeadLetterNotReplayable(
                    letter.id(), "the invite has a newer delivery (resent, reminded or replayed since)");
        }
        String status = invite.getString(InviteDocument.STATUS);
        Date expiresAt = invite.getDate(InviteDocument.EXPIRES_AT);
        if (!InviteStatus.PENDING.name().equals(status)
                || (expiresAt != null && !expiresAt.toInstant().isAfter(now))) {
            throw new OpsProblems.DeadLetterNotReplayable(
                    letter.id(), "the invite is no longer pending (" + status + "); resend it instead");
        }
        Document link = invite.get(InviteDocument.LINK, Document.class);
        if (link == null || !original.linkId().equals(link.getString("id"))) {
            throw new OpsProblems.DeadLetterNotReplayable(letter.id(), "the invite's link was replaced since");
        }
    }

    private Document read(String inviteId) {
        Query query = Query.query(where(InviteDocument.ID).is(inviteId));
        query.fields()
                .include(InviteDocument.COMMAND_ID)
                .include(InviteDocument.REMINDER_COMMAND_ID)
                .include(InviteDocument.STATUS)
                .include(InviteDocument.EXPIRES_AT)
                .include(InviteDocument.LINK_ID)
                .include(InviteDocument.EMAIL)
                .include(InviteDocument.ROLE);
        return mongo.findOne(query, Document.class, InviteDocument.COLLECTION);
    }

    /** A reminder's deliveries are tracked apart from the invitation's (see {@link InviteDocument#deliveries}). */
    private static String commandField(NotifyInvite command) {
        return command.reason() == NotifyReason.REMINDER
                ? InviteDocument.REMINDER_COMMAND_ID
                : InviteDocument.COMMAND_ID;
    }

    private void count(String outcome) {
        Counter.builder("invites.ops.replays")
                .description("Dead-letter replays by outcome (replayed, already_replayed, refused)")
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    enum Outcome {
        REPLAYED,
        ALREADY_REPLAYED
    }

    /** @param commandId the replay command's id, the same for every replay of one dead letter */
    record Result(String deadLetterId, String inviteId, String commandId, Outcome outcome) {}
}
