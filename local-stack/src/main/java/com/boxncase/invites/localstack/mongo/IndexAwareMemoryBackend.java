package com.boxncase.invites.localstack.mongo;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

/**
 * mongo-java-server's memory backend, except that a filter holding an {@code _id} equality or {@code $in}
 * (or pinning another unique index) is resolved through that index and the rest of the filter matched on the
 * candidates, as MongoDB does, for find, count, update, findAndModify and delete, bulk writes included.
 * {@code serverStatus} reports documents examined and written ({@link QueryStats}).
 */
public final class IndexAwareMemoryBackend extends MemoryBackend {

    private final QueryStats stats = new QueryStats();

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new IndexAwareMemoryDatabase(databaseName, getCursorRegistry(), stats);
    }

    @Override
    public Document getServerStatus() {
        return stats.addTo(super.getServerStatus());
    }
}
