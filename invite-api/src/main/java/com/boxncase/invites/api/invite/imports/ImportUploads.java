package com.boxncase.invites.api.invite.imports;

import com.boxncase.invites.api.invite.BulkProperties;
import com.boxncase.invites.api.invite.LimitedInputStream;
import com.mongodb.MongoGridFSException;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSUploadStream;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.io.input.TeeInputStream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The uploaded files, in GridFS bucket {@code import_uploads} (chunks of 255 KB: a file of any size is stored and
 * read back as a stream). An upload is checked while it is stored, in one pass: every byte read from the request
 * goes both to GridFS and to the CSV reader, so a file that is not an import file (or is over a limit) is refused,
 * and its chunks removed, without ever being held in memory whole.
 */
@Component
class ImportUploads {

    static final String BUCKET = "import_uploads";

    private final GridFSBucket bucket;
    private final BulkProperties.Imports limits;

    ImportUploads(MongoTemplate mongo, BulkProperties properties) {
        this.bucket = GridFSBuckets.create(mongo.getDb(), BUCKET);
        this.limits = properties.imports();
    }

    /** A stored, checked upload: its GridFS id, size and number of data rows. */
    record Stored(ObjectId fileId, long bytes, int rows) {}

    /**
     * Stores {@code body} while checking it.
     *
     * @throws ImportProblems.MalformedFile naming the line, when the file is not an import file or passes a limit;
     *     nothing stays stored then
     */
    Stored store(InputStream body, String fileName, String storeId) throws IOException {
        long maxBytes = limits.maxSize().toBytes();
        GridFSUploadStream upload =
                bucket.openUploadStream(fileName, new GridFSUploadOptions().metadata(new Document("storeId", storeId)));
        LimitedInputStream limited = new LimitedInputStream(body, maxBytes);
        long line = 1;
        int rows = 0;
        try (CsvInviteReader reader = new CsvInviteReader(new TeeInputStream(limited, upload, false))) {
            for (CsvInviteReader.Row row = reader.next(); row != null; row = reader.next()) {
                line = row.line();
                if (++rows > limits.maxRows()) {
                    throw new CsvInviteReader.Malformed(
                            line, "the file has more than " + limits.maxRows() + " rows; split it into smaller files");
                }
            }
            if (rows == 0) {
                throw new CsvInviteReader.Malformed(line + 1, "the file has no rows below its header");
            }
            upload.close();
            return new Stored(upload.getObjectId(), limited.count(), rows);
        } catch (CsvInviteReader.Malformed e) {
            upload.abort();
            throw new ImportProblems.MalformedFile(e.line(), e.getMessage());
        } catch (LimitedInputStream.LimitExceeded e) {
            upload.abort();
            throw new ImportProblems.MalformedFile(
                    line + 1, "the file is larger than " + maxBytes + " bytes; split it into smaller files");
        } catch (IOException | RuntimeException e) {
            upload.abort();
            if (LimitedInputStream.LimitExceeded.in(e) != null) {
                throw new ImportProblems.MalformedFile(
                        line + 1, "the file is larger than " + maxBytes + " bytes; split it into smaller files");
            }
            throw e;
        }
    }

    InputStream open(ObjectId fileId) {
        return bucket.openDownloadStream(fileId);
    }

    void delete(ObjectId fileId) {
        try {
            bucket.delete(fileId);
        } catch (MongoGridFSException alreadyGone) {
            // deleted by a cancel or by another instance
        }
    }
}
