package com.boxncase.invites.api.invite.imports;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The per-row results of one batch of an import (collection {@code invite_import_results}), one document per batch
 * rather than per row: one write per batch, and a 100,000-row import keeps a few hundred documents. The id orders
 * the batches of an import ({@code <importId>:<first row, zero-padded>}), so the results are read back in file order
 * by a range of {@code _id}, and a batch done again after a restart replaces its own document.
 */
@Document(ImportResults.COLLECTION)
record ImportResults(@Id String id, String importId, int firstRow, List<RowResult> rows, Instant createdAt) {

    static final String COLLECTION = "invite_import_results";
    static final String CREATED_AT = "createdAt";

    /**
     * @param status 201 created (also when an earlier run of this import created it), otherwise what a single create
     *     of the row would have answered
     * @param inviteId the created invite, or for a 409 the open invite for that email
     * @param error why the row was refused, in words
     */
    record RowResult(long line, String email, int status, String inviteId, String error) {

        boolean created() {
            return status == 201;
        }
    }

    static String id(String importId, int firstRow) {
        return importId + ":" + String.format("%010d", firstRow);
    }

    /** The first id past those of {@code importId}'s batches (':' + 1 is ';'). */
    static String idsPast(String importId) {
        return importId + ";";
    }
}
