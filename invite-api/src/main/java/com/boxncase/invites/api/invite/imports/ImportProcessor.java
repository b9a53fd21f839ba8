package com.boxncase.invites.api.invite.imports;

import com.boxncase.invites.api.invite.BulkInviteResult;
import com.boxncase.invites.api.invite.BulkInviteRow;
import com.boxncase.invites.api.invite.BulkInvites;
import com.boxncase.invites.api.invite.BulkProperties;
import com.boxncase.invites.api.security.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Processes one import that this instance holds, batch by batch, from where it stands: reads the next
 * {@code batchSize} rows of the stored file, creates them through the bulk path ({@link BulkInvites}, one bulk insert
 * per batch), keeps their per-row results, then records the progress and renews the lease in one write.
 *
 * <p>No row is created twice, whatever stops an instance: each row's invite id is derived from the import's id and
 * the row's line, so a batch done again after a crash between its insert and its progress write finds its invites
 * created (a duplicate {@code _id}) and reports them as created, without writing or sending anything again.
 */
@Component
class ImportProcessor {

    private static final Logger log = LoggerFactory.getLogger(ImportProcessor.class);

    /** Claims without progress after which an import is given up (a file that cannot be read, say). */
    static final int MAX_ATTEMPTS = 5;

    /**
     * Called after a batch's invites were written and before its progress is recorded: the one moment a crash leaves
     * invites the import's progress does not count. Tests stop an instance there.
     */
    interface BatchWritten {
        void after(InviteImport held, int firstRow);
    }

    private final BulkInvites bulk;
    private final InviteImports imports;
    private final ImportUploads uploads;
    private final Duration lease;
    private final Clock clock;
    private final BatchWritten batchWritten;

    @Autowired
    ImportProcessor(
            BulkInvites bulk, InviteImports imports, ImportUploads uploads, BulkProperties properties, Clock clock) {
        this(bulk, imports, uploads, properties.imports().lease(), clock, (held, firstRow) -> {});
    }

    ImportProcessor(
            BulkInvites bulk,
            InviteImports imports,
            ImportUploads uploads,
            Duration lease,
            Clock clock,
            BatchWritten batchWritten) {
        this.bulk = bulk;
        this.imports = imports;
        this.uploads = uploads;
        this.lease = lease;
        this.clock = clock;
        this.batchWritten = batchWritten;
    }

    /**
     * Processes {@code held} until it is done or cancelled, its lease is lost, or {@code keepGoing} turns false (the
     * instance is stopping: the lease is released so that another instance resumes at once).
     */
    void process(InviteImport held, BooleanSupplier keepGoing) throws IOException {
        if (held.attempts() > MAX_ATTEMPTS) {
            log.warn("import {} failed {} times in a row; giving up", held.id(), MAX_ATTEMPTS);
            imports.fail(held, "processing failed " + MAX_ATTEMPTS + " times in a row", now());
            uploads.delete(held.fileId());
            return;
        }
        Caller caller = new Caller(held.createdBy().adminId(), held.createdBy().name(), List.of(held.storeId()));
        try (InputStream file = uploads.open(held.fileId());
                CsvInviteReader reader = new CsvInviteReader(file)) {
            reader.skip(held.rowsRead());
            InviteImport current = held;
            while (true) {
                if (!keepGoing.getAsBoolean()) {
                    imports.release(current);
                    return;
                }
                int firstRow = current.rowsRead();
                List<CsvInviteReader.Row> rows = new ArrayList<>(current.batchSize());
                for (CsvInviteReader.Row row = reader.next(); row != null; row = reader.next()) {
                    rows.add(row);
                    if (rows.size() == current.batchSize()) {
                        break;
                    }
                }
                if (rows.isEmpty()) {
                    if (imports.finish(current, now())) {
                        uploads.delete(current.fileId());
                        log.info(
                                "import {} done: {} rows, {} created, {} failed",
                                current.id(),
                                current.rowsRead(),
                                current.created(),
                                current.failed());
                    }
                    return;
                }
                int created = createBatch(current, caller, firstRow, rows);
                batchWritten.after(current, firstRow);
                Optional<InviteImport> next = imports.progress(
                        current,
                        firstRow + rows.size(),
                        current.created() + created,
                        current.failed() + rows.size() - created,
                        now(),
                        lease);
                if (next.isEmpty()) {
                    log.warn("import {}: lease lost at row {}; another instance resumes it", current.id(), firstRow);
                    return;
                }
                current = next.get();
                if (current.state() == InviteImport.State.CANCELLED) {
                    uploads.delete(current.fileId());
                    log.info("import {} cancelled after {} rows", current.id(), current.rowsRead());
                    return;
                }
            }
        } catch (CsvInviteReader.Malformed e) {
            // the file was checked at upload: only a file changed since could get here
            imports.fail(held, "line " + e.line() + ": " + e.getMessage(), now());
        }
    }

    /** Creates one batch and keeps its per-row results; returns how many rows were created. */
    private int createBatch(InviteImport held, Caller caller, int firstRow, List<CsvInviteReader.Row> rows) {
        List<BulkInviteRow> batch = new ArrayList<>(rows.size());
        for (CsvInviteReader.Row row : rows) {
            batch.add(BulkInviteRow.of(held.storeId(), row.request(), inviteId(held.id(), row.line())));
        }
        List<BulkInviteResult> results = bulk.create(batch, caller, BulkInvites.Source.IMPORT);
        List<ImportResults.RowResult> kept = new ArrayList<>(rows.size());
        int created = 0;
        for (int i = 0; i < rows.size(); i++) {
            CsvInviteReader.Row row = rows.get(i);
            BulkInviteResult result = results.get(i);
            created += result.isCreated() ? 1 : 0;
            kept.add(new ImportResults.RowResult(
                    row.line(), row.email(), result.status(), result.inviteId(), reason(result, rows)));
        }
        imports.saveResults(new ImportResults(ImportResults.id(held.id(), firstRow), held.id(), firstRow, kept, now()));
        return created;
    }

    /** The refusal in words; a second row with the same email names the line of the first (rather than its index). */
    private static String reason(BulkInviteResult result, List<CsvInviteReader.Row> rows) {
        if (result.isCreated()) {
            return null;
        }
        Object earlier = result.problem().getProperties() == null
                ? null
                : result.problem().getProperties().get("duplicateOfIndex");
        if (earlier instanceof Integer index) {
            return "The same email is invited on line " + rows.get(index).line() + ".";
        }
        return result.reason();
    }

    /** The invite id of the row on {@code line}: the same in every run of the import, so no row is created twice. */
    static String inviteId(String importId, long line) {
        return UUID.nameUUIDFromBytes(("import|" + importId + "|" + line).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
