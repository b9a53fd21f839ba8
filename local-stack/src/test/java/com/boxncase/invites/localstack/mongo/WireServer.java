package com.boxncase.invites.localstack.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;

/** A MongoDB-wire server on a free port with a driver connected to it, holding the test's invites. */
final class WireServer implements AutoCloseable {

    /** The two storages, each as upstream ships it (the scanning reference) and as local-stack extends it. */
    enum Backend {
        MEMORY(IndexAwareMemoryBackend::new, MemoryBackend::new),
        H2(IndexAwareH2Backend::inMemoryStore, H2Backend::inMemory);

        private final Supplier<MongoBackend> indexAware;
        private final Supplier<MongoBackend> upstream;

        Backend(Supplier<MongoBackend> indexAware, Supplier<MongoBackend> upstream) {
            this.indexAware = indexAware;
            this.upstream = upstream;
        }

        WireServer indexAware() {
            return on(indexAware.get());
        }

        WireServer upstream() {
            return on(upstream.get());
        }
    }

    static final List<String> STATUSES = List.of("PENDING", "ACCEPTED", "EXPIRED", "REVOKED");

    private final MongoServer server;
    private final MongoClient client;

    private WireServer(MongoBackend backend) {
        this.server = new MongoServer(backend);
        this.client = MongoClients.create(server.bindAndGetConnectionString());
    }

    static WireServer on(MongoBackend backend) {
        return new WireServer(backend);
    }

    MongoCollection<Document> invites() {
        return client.getDatabase("test").getCollection("invites");
    }

    /** The {@code count} command (the driver's countDocuments runs an aggregation instead). */
    long countCommand(Bson filter) {
        Document reply = client.getDatabase("test")
                .runCommand(new Document("count", "invites").append("query", filter.toBsonDocument()));
        return reply.get("n", Number.class).longValue();
    }

    /**
     * A fresh invites collection: {@code count} invite-shaped documents {@code inv-00000...} in {@code _id} order, the indexes the
     * services declare that are unique ({@code openKey} sparse, {@code storeId + emailKey}), and three
     * documents with numeric ids of different types.
     */
    WireServer seeded(int count) {
        MongoCollection<Document> invites = invites();
        if (client.getDatabase("test")
                .listCollectionNames()
                .into(new ArrayList<>())
                .contains("invites")) {
            invites.drop(); // the server logs an error for a collection that does not exist
        }
        invites.createIndex(
                Indexes.ascending("openKey"), new IndexOptions().unique(true).sparse(true));
        invites.createIndex(Indexes.ascending("storeId", "emailKey"), new IndexOptions().unique(true));
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(invite(i));
            if (batch.size() == 1000) {
                invites.insertMany(batch);
                batch.clear();
            }
        }
        batch.add(new Document("_id", 7)
                .append("emailKey", "number-7")
                .append("status", "PENDING")
                .append("storeId", "numbers"));
        batch.add(new Document("_id", 8L)
                .append("emailKey", "number-8")
                .append("status", "EXPIRED")
                .append("storeId", "numbers"));
        batch.add(new Document("_id", 9.5)
                .append("emailKey", "number-9.5")
                .append("status", "PENDING")
                .append("storeId", "numbers"));
        invites.insertMany(batch);
        return this;
    }

    static String id(int i) {
        return String.format("inv-%05d", i);
    }

    static Document invite(int i) {
        String status = STATUSES.get(i % STATUSES.size());
        String store = "store-" + (i % 5);
        String emailKey = "invitee-" + i + "@example.com";
        Document invite = new Document("_id", id(i))
                .append("storeId", store)
                .append("emailKey", emailKey)
                .append("status", status)
                .append("sendCount", i % 4)
                .append("tags", i % 3 == 0 ? List.of("a", "b") : List.of("c"))
                .append("deliveries", new Document("EMAIL", new Document("state", "QUEUED").append("progress", i % 5)));
        if (status.equals("PENDING") || status.equals("EXPIRED")) {
            invite.append("openKey", store + "|" + emailKey);
        }
        return invite;
    }

    /** {@code metrics.queryExecutor.scannedObjects} of serverStatus: documents examined so far. */
    long documentsExamined() {
        return metrics()
                .get("queryExecutor", Document.class)
                .get("scannedObjects", Number.class)
                .longValue();
    }

    /** {@code metrics.document} of serverStatus: documents inserted, updated and deleted so far. */
    Document documentWrites() {
        return metrics().get("document", Document.class);
    }

    private Document metrics() {
        return client.getDatabase("admin")
                .runCommand(new Document("serverStatus", 1))
                .get("metrics", Document.class);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
