package com.boxncase.invites.api.invite.imports;

import com.boxncase.invites.contracts.Actor;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * One CSV import (collection {@code invite_imports}): the uploaded file (in GridFS), where processing stands, and
 * which instance holds it. This record names its fields; {@link InviteImports} is the only writer.
 *
 * @param fileId the upload in GridFS bucket {@code import_uploads}; removed once the import is finished
 * @param rows data rows in the file, counted while it was uploaded
 * @param batchSize rows per bulk insert, fixed at upload so a resumed import cuts its batches where the first run did
 * @param rowsRead rows processed so far (the first {@code rowsRead} rows of the file; resumption starts after them)
 * @param attempts claims since the last progress: an import that fails every time it is taken up is given up
 * @param lease the instance processing it, until when
 */
@Document(InviteImport.COLLECTION)
record InviteImport(
        @Id String id,
        @Field(STORE_ID) String storeId,
        @Field(CREATED_BY) Creator createdBy,
        @Field(FILE_NAME) String fileName,
        @Field(FILE_ID) ObjectId fileId,
        @Field(BYTES) long bytes,
        @Field(ROWS) int rows,
        @Field(BATCH_SIZE) int batchSize,
        @Field(STATE) State state,
        @Field(ROWS_READ) int rowsRead,
        @Field(CREATED) int created,
        @Field(FAILED) int failed,
        @Field(ATTEMPTS) int attempts,
        @Field(LEASE) Lease lease,
        @Field(ERROR) String error,
        @Field(CREATED_AT) Instant createdAt,
        @Field(UPDATED_AT) Instant updatedAt,
        @Field(FINISHED_AT) Instant finishedAt) {

    static final String COLLECTION = "invite_imports";
    static final String ID = "_id";
    static final String STORE_ID = "storeId";
    static final String CREATED_BY = "createdBy";
    static final String FILE_NAME = "fileName";
    static final String FILE_ID = "fileId";
    static final String BYTES = "bytes";
    static final String ROWS = "rows";
    static final String BATCH_SIZE = "batchSize";
    static final String STATE = "state";
    static final String ROWS_READ = "rowsRead";
    static final String CREATED = "created";
    static final String FAILED = "failed";
    static final String ATTEMPTS = "attempts";
    static final String LEASE = "lease";
    static final String LEASE_TOKEN = "lease.token";
    static final String LEASE_UNTIL = "lease.until";
    static final String ERROR = "error";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String FINISHED_AT = "finishedAt";

    enum State {
        /** Uploaded, waiting for an instance to take it up. */
        QUEUED,
        /** Being processed (or its instance died, and another one resumes it once the lease has passed). */
        RUNNING,
        /** Every row was processed; the per-row results are complete. */
        DONE,
        /** Cancelled: the rows processed before stay created, the rest were not read. */
        CANCELLED,
        /** Given up after failing every time it was taken up ({@code error} says why). */
        FAILED;

        static final Set<State> OPEN = EnumSet.of(QUEUED, RUNNING);

        boolean finished() {
            return !OPEN.contains(this);
        }
    }

    /** The uploading admin, as whom the rows are created ({@code id}, not {@code _id}). */
    record Creator(@Field("id") String adminId, String name) {

        Actor actor() {
            return new Actor(adminId, name);
        }
    }

    /**
     * @param token new at every claim, so a write of an instance that lost its lease (and perhaps claimed the
     *     import again since) can never pass for the current holder's
     */
    record Lease(String owner, String token, Instant until) {}
}
