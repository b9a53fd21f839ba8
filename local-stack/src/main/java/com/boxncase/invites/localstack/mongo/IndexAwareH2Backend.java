package com.boxncase.invites.localstack.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 (MVStore) backend, except that a filter holding an {@code _id} equality or
 * {@code $in} (or pinning another unique index) is resolved through that index and the rest of the filter
 * matched on the candidates, as MongoDB does, for find, count, update, findAndModify and delete, bulk writes
 * included. Reads and writes the same file format as upstream. {@code serverStatus} reports documents
 * examined and written ({@link QueryStats}).
 */
public final class IndexAwareH2Backend extends H2Backend {

    /**
     * Not initialised in its declaration: H2Backend's constructor opens the databases already in the file
     * through {@link #openOrCreateDatabase} before this class's field initialisers would run.
     */
    private QueryStats stats;

    /** On {@code fileName}, created if missing. */
    public IndexAwareH2Backend(String fileName) {
        super(fileName);
    }

    /** On an in-memory MVStore (tests). */
    public static IndexAwareH2Backend inMemoryStore() {
        return new IndexAwareH2Backend(MVStore.open(null));
    }

    private IndexAwareH2Backend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexAwareH2Database(databaseName, getMvStore(), getCursorRegistry(), stats());
    }

    @Override
    public Document getServerStatus() {
        return stats().addTo(super.getServerStatus());
    }

    private synchronized QueryStats stats() {
        if (stats == null) {
            stats = new QueryStats();
        }
        return stats;
    }
}
