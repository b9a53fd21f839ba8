package com.boxncase.invites.api.ops;

import com.boxncase.invites.api.web.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The ways an operations request can fail, as facts. */
final class OpsProblems {

    private OpsProblems() {}

    static final class DeadLetterNotFound extends ProblemException {
        DeadLetterNotFound(String id) {
            super(HttpStatus.NOT_FOUND, "No dead letter " + id + " in the dead-letter topic.");
        }
    }

    /** 422: the record holds no readable command, so there is nothing to replay. */
    static final class PoisonRecord extends ProblemException {
        PoisonRecord(String id) {
            super(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Dead letter " + id + " holds no readable NotifyInvite (poison record) and cannot be replayed;"
                            + " fix or drop it at its source.");
        }
    }

    /** 409: or an invite that has moved on (resent, revoked, accepted, expired, deleted). */
    static final class DeadLetterNotReplayable extends ProblemException {
        private final String id;

        DeadLetterNotReplayable(String id, String why) {
            super(HttpStatus.CONFLICT, "Dead letter " + id + " cannot be replayed: " + why + ".");
            this.id = id;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("deadLetterId", id);
        }
    }

    static final class KafkaUnavailable extends ProblemException {
        KafkaUnavailable() {
            super(HttpStatus.SERVICE_UNAVAILABLE, "Kafka did not answer in time; retry later.");
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", "5");
        }
    }
}
