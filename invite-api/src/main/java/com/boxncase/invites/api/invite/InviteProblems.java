package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.web.InvalidField;
import com.boxncase.invites.api.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The ways an invite request can fail, as facts. Each maps to one HTTP status. */
final class InviteProblems {

    private InviteProblems() {}

    static final class InviteNotFound extends ProblemException {
        InviteNotFound(String inviteId) {
            super(HttpStatus.NOT_FOUND, "No invite " + inviteId + " in this store.");
        }
    }

    static final class InviteAlreadyAccepted extends ProblemException {
        InviteAlreadyAccepted(String inviteId) {
            super(HttpStatus.CONFLICT, "Invite " + inviteId + " has already been accepted.");
        }
    }

    static final class InviteExpired extends ProblemException {
        InviteExpired(String inviteId) {
            super(HttpStatus.CONFLICT, "Invite " + inviteId + " has expired; resend it to issue a new link.");
        }
    }

    /**
     * 409 naming the open invite for the same email and when it was created, also as an {@code errors} entry
     * on {@code email}, so a form can show "already invited on ..." beside the field.
     */
    static final class OpenInviteExists extends ProblemException {
        private final String existingInviteId;
        private final Instant existingInviteCreatedAt;

        OpenInviteExists(String existingInviteId, Instant existingInviteCreatedAt) {
            super(
                    HttpStatus.CONFLICT,
                    "This email was already invited on " + existingInviteCreatedAt + " and that invite is still open ("
                            + existingInviteId + "): resend or delete it instead.");
            this.existingInviteId = existingInviteId;
            this.existingInviteCreatedAt = existingInviteCreatedAt;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of(
                    "existingInviteId",
                    existingInviteId,
                    "existingInviteCreatedAt",
                    existingInviteCreatedAt,
                    "errors",
                    List.of(new InvalidField.FieldError(
                            "email", "already invited on " + existingInviteCreatedAt + "; that invite is still open")));
        }
    }

    static final class IdempotencyKeyReused extends ProblemException {
        IdempotencyKeyReused() {
            super(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "This Idempotency-Key was already used with a different request body.");
        }
    }

    static final class ResendLimitReached extends ProblemException {
        private final long retryAfterSeconds;

        ResendLimitReached(Instant allowedAt, Instant now) {
            super(HttpStatus.TOO_MANY_REQUESTS, "This invite was resent too often; try again later.");
            this.retryAfterSeconds =
                    Math.max(1, Duration.between(now, allowedAt).toSeconds() + 1);
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", Long.toString(retryAfterSeconds));
        }
    }

    /** The invitee's link can no longer be used. 410 with the reason. */
    static final class InviteLinkGone extends ProblemException {
        private final String reason;

        InviteLinkGone(String reason, String detail) {
            super(HttpStatus.GONE, detail);
            this.reason = reason;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("reason", reason);
        }
    }

    static final class InviteLinkUnknown extends ProblemException {
        InviteLinkUnknown() {
            super(HttpStatus.NOT_FOUND, "This invite link is not valid.");
        }
    }
}
