package com.boxncase.invites.api.invite;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.ProblemDetail;

/**
 * What became of one row of a bulk create: {@code 201} with the invite (also when the same row was created by an
 * earlier attempt of the same request or import), or the status and problem document a single create of that row
 * would have answered ({@code 400} naming the fields, {@code 403} for a store outside the token, {@code 409} naming
 * the open invite for that email or the earlier row with the same email).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkInviteResult(
        @Schema(description = "the row's position in the request, from 0")
        int index,

        @Schema(description = "201, or the status a single create of this row would have answered")
        int status,

        @Schema(description = "the invite, when created") InviteView invite,

        @Schema(description = "why the row was refused, as application/problem+json")
        ProblemDetail problem) {

    static BulkInviteResult created(int index, InviteView invite) {
        return new BulkInviteResult(index, 201, invite, null);
    }

    static BulkInviteResult failed(int index, ProblemDetail problem) {
        return new BulkInviteResult(index, problem.getStatus(), null, problem);
    }

    @JsonIgnore
    public boolean isCreated() {
        return invite != null;
    }

    /** The created invite's id, or the open invite's id a 409 names; null otherwise. */
    @JsonIgnore
    public String inviteId() {
        if (invite != null) {
            return invite.id();
        }
        Object existing =
                problem.getProperties() == null ? null : problem.getProperties().get("existingInviteId");
        return existing == null ? null : existing.toString();
    }

    /** Why the row was refused (the problem's detail); null when created. */
    @JsonIgnore
    public String reason() {
        return problem == null ? null : problem.getDetail();
    }
}
