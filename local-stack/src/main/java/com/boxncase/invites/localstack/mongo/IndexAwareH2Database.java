package com.boxncase.invites.localstack.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVStore;

/** An H2 database whose collections are {@link IndexAwareH2Collection}s, on the same maps as upstream's. */
final class IndexAwareH2Database extends H2Database {

    // H2Database's map names (its constants are not public); the same names keep existing files readable
    private static final String DATA_MAP_PREFIX = "databases.";
    private static final String META_MAP_PREFIX = "meta.";

    private final MVStore mvStore;
    private final QueryStats stats;

    IndexAwareH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry, QueryStats stats) {
        super(databaseName, mvStore, cursorRegistry); // its initializeNamespacesAndIndexes() does nothing, see below
        this.mvStore = mvStore;
        this.stats = stats;
        super.initializeNamespacesAndIndexes();
    }

    /**
     * The superclass constructor calls this, and it opens collections through {@link #openOrCreateCollection},
     * which needs {@link #mvStore} and {@link #stats}: deferred to the end of this class's constructor.
     */
    @Override
    protected void initializeNamespacesAndIndexes() {}

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String fullName = getFullCollectionNamespace(collectionName);
        return new IndexAwareH2Collection(
                this,
                collectionName,
                options,
                mvStore.openMap(DATA_MAP_PREFIX + fullName),
                mvStore.openMap(META_MAP_PREFIX + fullName),
                cursorRegistry,
                stats);
    }
}
