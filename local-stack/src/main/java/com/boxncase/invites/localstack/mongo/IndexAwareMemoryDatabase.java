package com.boxncase.invites.localstack.mongo;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;

/** A memory database whose collections are {@link IndexAwareMemoryCollection}s. */
final class IndexAwareMemoryDatabase extends MemoryDatabase {

    private final QueryStats stats;

    IndexAwareMemoryDatabase(String databaseName, CursorRegistry cursorRegistry, QueryStats stats) {
        super(databaseName, cursorRegistry); // its call of initializeNamespacesAndIndexes() does nothing, see below
        this.stats = stats;
        super.initializeNamespacesAndIndexes();
    }

    /**
     * The superclass constructor calls this, and it opens collections through {@link #openOrCreateCollection},
     * which needs {@link #stats}: deferred to the end of this class's constructor.
     */
    @Override
    protected void initializeNamespacesAndIndexes() {}

    @Override
    protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
        return new IndexAwareMemoryCollection(this, collectionName, options, cursorRegistry, stats);
    }
}
