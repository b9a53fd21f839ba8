package com.boxncase.invites.api.invite.imports;

import com.boxncase.invites.api.invite.BulkProperties;
import com.boxncase.invites.api.security.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Service;

/** A store admin's use cases on imports: upload, follow, read the results, cancel. */
@Service
class ImportService {

    private static final int RECENT = 20;

    private final InviteImports imports;
    private final ImportUploads uploads;
    private final ImportWorker worker;
    private final BulkProperties properties;
    private final Clock clock;

    ImportService(
            InviteImports imports, ImportUploads uploads, ImportWorker worker, BulkProperties properties, Clock clock) {
        this.imports = imports;
        this.uploads = uploads;
        this.worker = worker;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Stores and checks the file, then queues it; the rows are created in the background.
     *
     * @throws ImportProblems.MalformedFile naming the line, when the file is not an import file or passes a limit
     */
    InviteImport upload(String storeId, InputStream file, String fileName, Caller caller) throws IOException {
        String name = fileName(fileName);
        ImportUploads.Stored stored = uploads.store(file, name, storeId);
        Instant now = now();
        InviteImport queued = new InviteImport(
                UUID.randomUUID().toString(),
                storeId,
                new InviteImport.Creator(caller.id(), caller.name()),
                name,
                stored.fileId(),
                stored.bytes(),
                stored.rows(),
                properties.imports().batchSize(),
                InviteImport.State.QUEUED,
                0,
                0,
                0,
                0,
                null,
                null,
                now,
                now,
                null);
        try {
            imports.insert(queued);
        } catch (RuntimeException e) {
            uploads.delete(stored.fileId());
            throw e;
        }
        worker.wake();
        return queued;
    }

    InviteImport get(String storeId, String importId) {
        return imports.find(storeId, importId).orElseThrow(() -> new ImportProblems.ImportNotFound(importId));
    }

    List<InviteImport> recent(String storeId) {
        return imports.recent(storeId, RECENT);
    }

    /**
     * Cancels an open import: the rows not read yet are not imported; those created stay (delete them like any
     * invite). Cancelling a cancelled import is a no-op; a finished one cannot be cancelled.
     */
    InviteImport cancel(String storeId, String importId) {
        Instant now = now();
        Optional<InviteImport> cancelled = imports.cancel(storeId, importId, now);
        if (cancelled.isPresent()) {
            InviteImport stopped = cancelled.get();
            if (stopped.lease() == null || stopped.lease().until().isBefore(now)) {
                uploads.delete(stopped.fileId()); // no instance is reading it; a live holder deletes it itself
            }
            return stopped;
        }
        InviteImport found = get(storeId, importId);
        if (found.state() == InviteImport.State.CANCELLED) {
            return found;
        }
        throw new ImportProblems.ImportAlreadyFinished(found);
    }

    /**
     * Writes every row's result as CSV ({@code line,email,status,inviteId,error}), in file order, streaming batch by
     * batch. With a byte order mark, so that spreadsheets read it as UTF-8.
     */
    void writeResults(String storeId, String importId, Writer out) throws IOException {
        InviteImport finished = get(storeId, importId);
        if (!finished.state().finished()) {
            throw new ImportProblems.ImportNotFinished(finished);
        }
        out.write('\uFEFF');
        CSVPrinter csv = new CSVPrinter(
                out,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader("line", "email", "status", "inviteId", "error")
                        .get());
        try (Stream<ImportResults> batches = imports.results(finished, 0)) {
            for (ImportResults batch : (Iterable<ImportResults>) batches::iterator) {
                for (ImportResults.RowResult row : batch.rows()) {
                    csv.printRecord(row.line(), cell(row.email()), row.status(), row.inviteId(), cell(row.error()));
                }
            }
        }
        csv.flush();
    }

    /** A page of per-row results from row {@code cursor} on (all rows, or only the refused ones). */
    ImportView.Results rows(String storeId, String importId, boolean onlyFailed, int limit, String cursor) {
        InviteImport imported = get(storeId, importId);
        int from = cursor == null ? 0 : ImportCursor.decode(cursor);
        List<ImportResults.RowResult> page = new ArrayList<>(limit);
        Integer next = null;
        try (Stream<ImportResults> batches = imports.results(imported, from)) {
            for (ImportResults batch : (Iterable<ImportResults>) batches::iterator) {
                for (int i = Math.max(0, from - batch.firstRow());
                        i < batch.rows().size();
                        i++) {
                    ImportResults.RowResult row = batch.rows().get(i);
                    if (onlyFailed && row.created()) {
                        continue;
                    }
                    if (page.size() == limit) {
                        next = batch.firstRow() + i;
                        break;
                    }
                    page.add(row);
                }
                if (next != null) {
                    break;
                }
            }
        }
        return new ImportView.Results(page, next == null ? null : ImportCursor.encode(next));
    }

    /**
     * A value a spreadsheet would not run as a formula: a cell the file's author typed that starts with {@code =},
     * {@code +}, {@code -} or {@code @} is prefixed with an apostrophe (OWASP's advice on CSV injection).
     */
    private static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value
                : value;
    }

    private static String fileName(String given) {
        if (given == null || given.isBlank()) {
            return "invites.csv";
        }
        String name = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1)
                .replaceAll("[\\p{Cntrl}\"]", "")
                .strip();
        name = name.length() > 200 ? name.substring(0, 200) : name;
        return name.isEmpty() ? "invites.csv" : name;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
