package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.web.InvalidField;
import com.boxncase.invites.api.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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

    /**
     * MongoDB refused the invite's document for a reason other than a duplicate (or its conflict kept changing);
     * nothing was written for it.
     */
    static final class NotStored extends ProblemException {
        NotStored(String reason) {
            super(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "The invite could not be stored (" + reason + "); nothing was written, retry.");
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

    /**
     * The invitee's link can no longer be used. 410 with the {@code reason} and what the accept page needs to show
     * that state in the invitation's language (store name, locale; for ACCEPTED the sign-in URL), nothing else of
     * the invite: a link that no longer works must not tell its holder more than the invitation did.
     */
    static final class InviteLinkGone extends ProblemException {

        /** Why the link no longer works, each with the detail the API answers. */
        enum Reason {
            EXPIRED("This invitation has expired. Ask the store's admin to resend it."),
            REVOKED("This invitation was revoked."),
            ACCEPTED("This invitation has already been accepted."),
            REPLACED("A newer invitation was sent to you; use the latest message.");

            private final String detail;

            Reason(String detail) {
                this.detail = detail;
            }
        }

        private final Map<String, Object> properties;

        /**
         * @param storeName the store as the invitation named it; null when unknown
         * @param locale the invitation's language; null when unknown
         * @param signInUrl for ACCEPTED, where the invitee signs in; null for none
         */
        InviteLinkGone(Reason reason, String storeName, String locale, String signInUrl) {
            super(HttpStatus.GONE, reason.detail);
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("reason", reason.name());
            if (storeName != null) {
                properties.put("storeName", storeName);
            }
            if (locale != null) {
                properties.put("locale", locale);
            }
            if (reason == Reason.ACCEPTED && signInUrl != null) {
                properties.put("signInUrl", signInUrl);
            }
            this.properties = Map.copyOf(properties);
        }

        @Override
        public Map<String, Object> properties() {
            return properties;
        }
    }

    static final class InviteLinkUnknown extends ProblemException {
        InviteLinkUnknown() {
            super(HttpStatus.NOT_FOUND, "This invite link is not valid.");
        }
    }
}
