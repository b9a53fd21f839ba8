package com.boxncase.invites.api.invite.imports;

import com.boxncase.invites.contracts.Actor;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** Where an import stands, as {@code GET .../invite-imports/{id}} shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ImportView(
        String id,
        String storeId,

        @Schema(description = "QUEUED, RUNNING, DONE, CANCELLED or FAILED")
        InviteImport.State state,

        @Schema(description = "true once the import will change no more (DONE, CANCELLED, FAILED)")
        boolean done,

        String fileName,
        @Schema(description = "size of the uploaded file") long bytes,

        @Schema(description = "data rows in the file (the header not counted)")
        int rows,

        @Schema(description = "rows processed so far") int rowsRead,
        @Schema(description = "rows created so far") int created,

        @Schema(description = "rows refused so far (see the results for why)")
        int failed,

        @Schema(description = "why a FAILED import was given up")
        String error,

        Actor createdBy,
        Instant createdAt,
        Instant finishedAt,

        @Schema(description = "the per-row results as CSV (or JSON with Accept: application/json), once done")
        String resultsUrl) {

    static ImportView of(InviteImport imported) {
        boolean done = imported.state().finished();
        return new ImportView(
                imported.id(),
                imported.storeId(),
                imported.state(),
                done,
                imported.fileName(),
                imported.bytes(),
                imported.rows(),
                imported.rowsRead(),
                imported.created(),
                imported.failed(),
                imported.error(),
                imported.createdBy().actor(),
                imported.createdAt(),
                imported.finishedAt(),
                done ? "/api/v1/stores/" + imported.storeId() + "/invite-imports/" + imported.id() + "/results" : null);
    }

    /** A store's recent imports. */
    record Page(List<ImportView> items) {}

    /** A page of per-row results, in file order; {@code nextCursor} continues after the last row (null at the end). */
    record Results(List<ImportResults.RowResult> items, String nextCursor) {}
}
