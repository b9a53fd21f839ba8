package com.boxncase.invites.localstack.mongo;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds the only documents a filter can match through a unique index, as MongoDB's query planner does for an
 * equality or {@code $in} on indexed fields; the caller then matches the whole filter on those documents.
 *
 * <p>mongo-java-server uses an index only when the filter's keys are exactly the index's keys, so
 * {@code {_id: x, status: "PENDING"}} scans the collection (holding its lock) although at most one
 * document can match. Here the {@code _id} index is tried first, then the other unique indexes (for example
 * {@code openKey}); a filter pins an index when each of its keys has, at the top level or inside a
 * top-level {@code $and}, a plain value, a {@code $eq} or a {@code $in} of plain values. Null, arrays and
 * regular expressions are never pinned: their matching rules (missing fields, array equality, patterns)
 * need the scan, which stays the fallback.
 */
final class IndexLookup {

    private IndexLookup() {}

    /**
     * Positions of the documents {@code query} can match, from the first unique index the query pins; null
     * when none does and the collection must be scanned.
     */
    static <P> List<P> candidates(Document query, List<Index<P>> indexes, String idField) {
        if (query == null || query.isEmpty() || indexes.isEmpty()) {
            return null;
        }
        for (boolean idIndex : new boolean[] {true, false}) {
            for (Index<P> index : indexes) {
                if (index.isUnique() && isIdIndex(index, idField) == idIndex) {
                    Document keyQuery = keyQuery(query, index.getKeys());
                    if (keyQuery != null && index.canHandle(keyQuery)) {
                        List<P> positions = new ArrayList<>();
                        index.getPositions(keyQuery).forEach(positions::add);
                        return positions;
                    }
                }
            }
        }
        return null;
    }

    private static boolean isIdIndex(Index<?> index, String idField) {
        List<IndexKey> keys = index.getKeys();
        return idField != null && keys.size() == 1 && keys.get(0).getKey().equals(idField);
    }

    /** The index's keys pinned by {@code query}, in the form the index answers, or null. */
    private static Document keyQuery(Document query, List<IndexKey> keys) {
        Document keyQuery = new Document();
        for (IndexKey key : keys) {
            Object pinned = pinned(query, key.getKey());
            if (pinned == null) {
                return null;
            }
            keyQuery.put(key.getKey(), pinned);
        }
        return keyQuery;
    }

    /** The value (or {@code {$in: [...]}}) that {@code query} requires of {@code field}, or null. */
    private static Object pinned(Document query, String field) {
        if (query.containsKey(field)) {
            Object pinned = pinnedBy(query.get(field));
            if (pinned != null) {
                return pinned;
            }
        }
        if (query.get("$and") instanceof List<?> clauses) {
            for (Object clause : clauses) {
                if (clause instanceof Document document) {
                    Object pinned = pinned(document, field);
                    if (pinned != null) {
                        return pinned;
                    }
                }
            }
        }
        return null;
    }

    private static Object pinnedBy(Object condition) {
        if (isPlainValue(condition)) {
            return condition;
        }
        if (condition instanceof Document operators && isOperatorDocument(operators)) {
            if (operators.containsKey("$eq")) {
                Object value = operators.get("$eq");
                return isPlainValue(value) ? value : null;
            }
            if (operators.get("$in") instanceof Collection<?> values
                    && values.stream().allMatch(IndexLookup::isPlainValue)) {
                return new Document("$in", new ArrayList<>(values));
            }
        }
        return null;
    }

    private static boolean isOperatorDocument(Document document) {
        return !document.isEmpty() && document.keySet().stream().allMatch(key -> key.startsWith("$"));
    }

    /** A value compared by equality alone: not null, not an array, not a pattern, no operator inside. */
    private static boolean isPlainValue(Object value) {
        if (value == null || value instanceof Collection<?> || BsonRegularExpression.isRegularExpression(value)) {
            return false;
        }
        return !(value instanceof Map<?, ?> document) || hasNoOperator(document);
    }

    private static boolean hasNoOperator(Map<?, ?> document) {
        for (Map.Entry<?, ?> entry : document.entrySet()) {
            if (entry.getKey().toString().startsWith("$")) {
                return false;
            }
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested && !hasNoOperator(nested)) {
                return false;
            }
            if (value instanceof Collection<?> list
                    && list.stream().anyMatch(item -> item instanceof Map<?, ?> m && !hasNoOperator(m))) {
                return false;
            }
        }
        return true;
    }
}
