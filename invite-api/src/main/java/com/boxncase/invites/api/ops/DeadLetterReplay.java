package com.boxncase.invites.api.ops;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.boxncase.invites.api.web.ProblemException;
import com.boxncase.invites.contracts.Actor;
import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.InviteEvent;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.Topics;
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
    private static final String INVITES = "invites";

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
        Document invite = read(original.inviteId());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        refuseUnlessReplayable(letter, invite, replayId, now);
        if (replayId.equals(invite.getString("commandId"))) {
            return new Result(letter.id(), original.inviteId(), replayId, Outcome.ALREADY_REPLAYED);
        }

        NotifyInvite command = new NotifyInvite(
                NotifyInvite.SCHEMA_VERSION,
                replayId,
                original.inviteId(),
                original.storeId(),
                original.reason(),
                original.channels(),
                original.email(),
                original.phone(),
                original.role(),
                original.locale(),
                original.storeDefaultLocale(),
                original.invitedBy(),
                original.store(),
                original.linkId(),
                original.expiresAt(),
                original.personalNote(),
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
                invite.getString("email"),
                invite.getString("role"),
                operator,
                details,
                now);
        OutboxMessage commandMessage = outbox.message(Topics.NOTIFY, original.inviteId(), replayId, command);
        OutboxMessage eventMessage = outbox.message(Topics.EVENTS, original.inviteId(), event.eventId(), event);

        Query stillOnTheDeadCommand = Query.query(where("_id")
                .is(original.inviteId())
                .and("commandId")
                .is(original.commandId())
                .and("status")
                .is("PENDING")
                .and("link.id")
                .is(original.linkId()));
        Update replay = new Update().set("commandId", replayId).inc("version", 1);
        for (Channel channel : command.channels()) {
            replay.set("deliveries." + channel.name(), queued(channel, replayId, now));
        }
        replay.push("outbox").each(commandMessage.toDocument(), eventMessage.toDocument());
        if (mongo.updateFirst(stillOnTheDeadCommand, replay, INVITES).getModifiedCount() == 0) {
            // Someone changed the invite between the read and the write: a concurrent replay, or a resend.
            Document fresh = read(original.inviteId());
            if (fresh != null && replayId.equals(fresh.getString("commandId"))) {
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
        String current = invite.getString("commandId");
        if (replayId.equals(current)) {
            return; // already replayed: idempotent success
        }
        if (!original.commandId().equals(current)) {
            throw new OpsProblems.DeadLetterNotReplayable(
                    letter.id(), "the invite has a newer delivery (resent, reminded or replayed since)");
        }
        String status = invite.getString("status");
        Date expiresAt = invite.getDate("expiresAt");
        if (!"PENDING".equals(status)
                || (expiresAt != null && !expiresAt.toInstant().isAfter(now))) {
            throw new OpsProblems.DeadLetterNotReplayable(
                    letter.id(), "the invite is no longer pending (" + status + "); resend it instead");
        }
        Document link = invite.get("link", Document.class);
        if (link == null || !original.linkId().equals(link.getString("id"))) {
            throw new OpsProblems.DeadLetterNotReplayable(letter.id(), "the invite's link was replaced since");
        }
    }

    private Document read(String inviteId) {
        Query query = Query.query(where("_id").is(inviteId));
        query.fields()
                .include("commandId")
                .include("status")
                .include("expiresAt")
                .include("link.id")
                .include("email")
                .include("role");
        return mongo.findOne(query, Document.class, INVITES);
    }

    private static Document queued(Channel channel, String commandId, Instant now) {
        return new Document("state", DeliveryState.QUEUED.name())
                .append("channel", channel.name())
                .append("attempts", 0)
                .append("lastError", null)
                .append("updatedAt", Date.from(now))
                .append("progress", DeliveryState.QUEUED.progress(0))
                .append("commandId", commandId);
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
