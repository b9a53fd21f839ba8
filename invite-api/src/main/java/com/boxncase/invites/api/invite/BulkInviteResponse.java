package com.boxncase.invites.api.invite;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The answer to a bulk create: how many rows were created and refused, and each row's result in request order. */
record BulkInviteResponse(
        @Schema(description = "rows created (status 201)") int created,

        @Schema(description = "rows refused (any other status)")
        int failed,

        List<BulkInviteResult> results) {

    static BulkInviteResponse of(List<BulkInviteResult> results) {
        int created = (int) results.stream().filter(BulkInviteResult::isCreated).count();
        return new BulkInviteResponse(created, results.size() - created, results);
    }
}
