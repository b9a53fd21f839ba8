package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.web.InvalidField;
import com.boxncase.invites.api.web.ProblemException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The ways a bulk request, or one of its rows, can fail, as facts. */
final class BulkProblems {

    private BulkProblems() {}

    /** A row for a store the caller's token does not name. */
    static final class StoreNotGranted extends ProblemException {
        StoreNotGranted(String storeId) {
            super(HttpStatus.FORBIDDEN, "The token does not grant store " + storeId + ".");
        }
    }

    /** A second row for the same store and email in one request: the first one is the invite. */
    static final class DuplicateInRequest extends ProblemException {
        private final int earlierIndex;

        DuplicateInRequest(int earlierIndex) {
            super(
                    HttpStatus.CONFLICT,
                    "The same email is invited by an earlier row of this request (index " + earlierIndex + ").");
            this.earlierIndex = earlierIndex;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("duplicateOfIndex", earlierIndex);
        }
    }

    /** A request body past {@code invites.bulk.max-body-size}, refused while reading it. */
    static final class BodyTooLarge extends ProblemException {
        private final long limit;

        BodyTooLarge(long limit) {
            super(HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than " + limit + " bytes.");
            this.limit = limit;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of(
                    "errors", List.of(new InvalidField.FieldError("body", "must be at most " + limit + " bytes")));
        }
    }
}
