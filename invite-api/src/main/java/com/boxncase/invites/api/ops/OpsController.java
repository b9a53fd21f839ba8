package com.boxncase.invites.api.ops;

import com.boxncase.invites.api.security.Caller;
import com.boxncase.invites.api.web.InvalidField;
import com.boxncase.invites.api.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.KafkaException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations: the delivery topics and their lag, the notifier's dead letters, and their replay. Reads need
 * scope {@code ops:read}, replays {@code ops:write} (see the security configuration).
 */
@RestController
@RequestMapping("/api/v1/ops")
class OpsController {

    /** How many dead-letter records one bulk replay reads at most. */
    static final int MAX_SCAN = 10_000;

    private final KafkaTopics topics;
    private final DeadLetters deadLetters;
    private final DeadLetterReplay replay;
    private final Clock clock;

    OpsController(KafkaTopics topics, DeadLetters deadLetters, DeadLetterReplay replay, Clock clock) {
        this.topics = topics;
        this.deadLetters = deadLetters;
        this.replay = replay;
        this.clock = clock;
    }

    @GetMapping("/topics")
    TopicsView topics() {
        return new TopicsView(topics.topics());
    }

    @GetMapping("/dead-letters")
    DeadLettersView deadLetters(
            @RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String cursor) {
        if (limit < 1 || limit > 500) {
            throw new InvalidField("limit", "must be between 1 and 500");
        }
        DeadLetterId from = cursor == null || cursor.isBlank() ? null : DeadLetterId.parse("cursor", cursor);
        DeadLetters.Page page = deadLetters.page(from, limit);
        return new DeadLettersView(
                page.items(), page.next() == null ? null : page.next().toString());
    }

    @PostMapping("/dead-letters/{id}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    DeadLetterReplay.Result replay(@PathVariable String id, Authentication authentication) {
        DeadLetterId address = DeadLetterId.parse("id", id);
        DeadLetter letter =
                deadLetters.find(address).orElseThrow(() -> new OpsProblems.DeadLetterNotFound(address.toString()));
        return replay.replay(letter, Caller.of(authentication).actor());
    }

    /**
     * Replays every dead letter that matches the filter: failed with {@code exceptionClass} (fully qualified or
     * simple name, the exception or its cause) and/or dead-lettered within {@code maxAge}. No filter: all.
     * Dead letters that cannot be replayed are reported, not fatal.
     */
    @PostMapping("/dead-letters/replay")
    BulkReplayView replayAll(@RequestBody(required = false) BulkReplayRequest request, Authentication authentication) {
        BulkReplayRequest filter = request == null ? new BulkReplayRequest(null, null) : request;
        if (filter.maxAge() != null
                && (filter.maxAge().isNegative() || filter.maxAge().isZero())) {
            throw new InvalidField("maxAge", "must be a positive ISO-8601 duration, e.g. PT24H");
        }
        Predicate<DeadLetter> matches = letter -> true;
        if (filter.exceptionClass() != null && !filter.exceptionClass().isBlank()) {
            matches = matches.and(
                    letter -> letter.failedWith(filter.exceptionClass().trim()));
        }
        if (filter.maxAge() != null) {
            Instant after = clock.instant().minus(filter.maxAge());
            matches = matches.and(letter -> letter.timestamp().isAfter(after));
        }
        DeadLetters.Page page = deadLetters.matching(matches, MAX_SCAN);
        var operator = Caller.of(authentication).actor();
        List<BulkReplayView.Item> items = new ArrayList<>();
        int replayed = 0;
        int alreadyReplayed = 0;
        int refused = 0;
        for (DeadLetter letter : page.items()) {
            try {
                DeadLetterReplay.Result result = replay.replay(letter, operator);
                if (result.outcome() == DeadLetterReplay.Outcome.REPLAYED) {
                    replayed++;
                } else {
                    alreadyReplayed++;
                }
                items.add(new BulkReplayView.Item(
                        letter.id(), letter.inviteId(), result.outcome().name(), result.commandId(), null));
            } catch (ProblemException e) {
                refused++;
                items.add(new BulkReplayView.Item(letter.id(), letter.inviteId(), "REFUSED", null, e.getMessage()));
            }
        }
        return new BulkReplayView(replayed, alreadyReplayed, refused, page.next() != null, items);
    }

    @ExceptionHandler(KafkaException.class)
    ResponseEntity<ProblemDetail> kafkaUnavailable(KafkaException e) {
        ProblemException problem = new OpsProblems.KafkaUnavailable();
        return ResponseEntity.status(problem.status())
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage()));
    }

    record TopicsView(List<KafkaTopics.TopicState> topics) {}

    record DeadLettersView(List<DeadLetter> items, String nextCursor) {}

    /** @param maxAge ISO-8601 duration, e.g. {@code PT24H}: only dead letters younger than this */
    record BulkReplayRequest(String exceptionClass, Duration maxAge) {}

    /** @param truncated more dead letters than one request scans; call again */
    record BulkReplayView(int replayed, int alreadyReplayed, int refused, boolean truncated, List<Item> items) {

        record Item(String deadLetterId, String inviteId, String outcome, String commandId, String reason) {}
    }
}
