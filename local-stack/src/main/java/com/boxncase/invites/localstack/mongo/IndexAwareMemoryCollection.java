package com.boxncase.invites.localstack.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Comparator;
import java.util.List;

/** The memory backend's collection, resolving filters through its unique indexes first ({@link IndexLookup}). */
final class IndexAwareMemoryCollection extends MemoryCollection {

    private final QueryStats stats;
    private final boolean counted;

    IndexAwareMemoryCollection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            CursorRegistry cursorRegistry,
            QueryStats stats) {
        super(database, collectionName, options, cursorRegistry);
        this.stats = stats;
        this.counted = QueryStats.counts(collectionName);
    }

    @Override
    protected QueryResult queryDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        List<Integer> positions = IndexLookup.candidates(query, getIndexes(), getIdField());
        if (positions == null) {
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        // the order a scan would have visited them in: by position, or backwards for {$natural: -1}
        positions.sort(isNaturalDescending(orderBy) ? Comparator.reverseOrder() : Comparator.naturalOrder());
        return matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /** Every document a query or write looks at passes here, through the index or by a scan. */
    @Override
    protected boolean documentMatchesQuery(Document document, Document query) {
        if (counted) {
            stats.examined();
        }
        return super.documentMatchesQuery(document, query);
    }

    /** Upstream leaves this one unsynchronized although it reads the documents and the indexes. */
    @Override
    public synchronized int count(Document query, int skip, int limit) {
        return super.count(query, skip, limit);
    }

    @Override
    public void addDocument(Document document) {
        super.addDocument(document);
        if (counted) {
            stats.inserted();
        }
    }

    @Override
    protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
        super.handleUpdate(position, oldDocument, newDocument);
        if (counted) {
            stats.updated();
        }
    }

    @Override
    public void removeDocument(Document document) {
        super.removeDocument(document);
        if (counted) {
            stats.deleted();
        }
    }
}
