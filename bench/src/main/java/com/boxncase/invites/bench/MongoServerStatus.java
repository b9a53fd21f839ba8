package com.boxncase.invites.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;

/**
 * What the MongoDB server did with documents, from {@code serverStatus}: documents inserted, updated and
 * deleted ({@code metrics.document}) and examined by queries and writes
 * ({@code metrics.queryExecutor.scannedObjects}). Real MongoDB reports these; so does local-stack's
 * MongoDB-wire server. Counts every client of the server, so read it while only the pipeline runs.
 */
final class MongoServerStatus implements AutoCloseable {

    /** Documents so far; -1 where the server does not report the figure. */
    record Documents(long inserted, long updated, long deleted, long examined) {

        Documents minus(Documents before) {
            return new Documents(
                    diff(inserted, before.inserted),
                    diff(updated, before.updated),
                    diff(deleted, before.deleted),
                    diff(examined, before.examined));
        }

        long written() {
            return inserted < 0 || updated < 0 || deleted < 0 ? -1 : inserted + updated + deleted;
        }

        private static long diff(long after, long before) {
            return after < 0 || before < 0 ? -1 : after - before;
        }
    }

    private final MongoClient client;
    private final String database;

    MongoServerStatus(String uri) {
        this.client = MongoClients.create(uri);
        String path = uri.replaceFirst("^mongodb(\\+srv)?://[^/]*/?", "");
        String db = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        this.database = db.isEmpty() ? "admin" : db;
    }

    Documents read() {
        try {
            return parse(client.getDatabase(database).runCommand(new Document("serverStatus", 1)));
        } catch (RuntimeException e) {
            return new Documents(-1, -1, -1, -1);
        }
    }

    static Documents parse(Document serverStatus) {
        Document metrics = serverStatus.get("metrics", Document.class);
        Document documents = metrics == null ? null : metrics.get("document", Document.class);
        Document queryExecutor = metrics == null ? null : metrics.get("queryExecutor", Document.class);
        return new Documents(
                number(documents, "inserted"),
                number(documents, "updated"),
                number(documents, "deleted"),
                number(queryExecutor, "scannedObjects"));
    }

    private static long number(Document document, String key) {
        Object value = document == null ? null : document.get(key);
        return value instanceof Number n ? n.longValue() : -1;
    }

    @Override
    public void close() {
        client.close();
    }
}
