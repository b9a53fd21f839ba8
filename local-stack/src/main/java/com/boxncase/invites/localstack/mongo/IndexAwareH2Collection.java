package com.boxncase.invites.localstack.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Comparator;
import java.util.List;
import org.h2.mvstore.MVMap;

/** The H2 backend's collection, resolving filters through its unique indexes first ({@link IndexLookup}). */
final class IndexAwareH2Collection extends H2Collection {

    private final Comparator<Object> keyOrder;
    private final QueryStats stats;
    private final boolean counted;

    IndexAwareH2Collection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            MVMap<Object, Document> dataMap,
            MVMap<String, Object> metaMap,
            CursorRegistry cursorRegistry,
            QueryStats stats) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.keyOrder = dataMap.getKeyType();
        this.stats = stats;
        this.counted = QueryStats.counts(collectionName);
    }

    @Override
    protected QueryResult queryDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        List<Object> positions = IndexLookup.candidates(query, getIndexes(), getIdField());
        if (positions == null) {
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        // the order a scan would have visited them in: the map's key order, or backwards for {$natural: -1}
        positions.sort(isNaturalDescending(orderBy) ? keyOrder.reversed() : keyOrder);
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
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
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
