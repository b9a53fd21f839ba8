package com.boxncase.invites.localstack.mongo;

import de.bwaldvogel.mongo.bson.Document;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the server did with documents since it started, reported by {@code serverStatus} under the names
 * MongoDB uses, so a client can read the same figures from the local server and from a real one:
 * {@code metrics.queryExecutor.scannedObjects} (documents examined by queries and writes: a filter resolved
 * through an index examines the candidates only, a scan examines the whole collection) and
 * {@code metrics.document.inserted / updated / deleted}. System collections are not counted.
 */
final class QueryStats {

    private final LongAdder examined = new LongAdder();
    private final LongAdder inserted = new LongAdder();
    private final LongAdder updated = new LongAdder();
    private final LongAdder deleted = new LongAdder();

    void examined() {
        examined.increment();
    }

    void inserted() {
        inserted.increment();
    }

    void updated() {
        updated.increment();
    }

    void deleted() {
        deleted.increment();
    }

    /** {@code serverStatus} with this server's figures added to its {@code metrics}. */
    Document addTo(Document serverStatus) {
        Object existing = serverStatus.get("metrics");
        Document metrics = existing instanceof Document document ? document : new Document();
        metrics.put("queryExecutor", new Document("scannedObjects", examined.sum()));
        metrics.put(
                "document",
                new Document("inserted", inserted.sum())
                        .append("updated", updated.sum())
                        .append("deleted", deleted.sum()));
        serverStatus.put("metrics", metrics);
        return serverStatus;
    }

    static boolean counts(String collectionName) {
        return !collectionName.startsWith("system.");
    }
}
