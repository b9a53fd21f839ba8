package com.boxncase.invites.localstack;

import com.boxncase.invites.localstack.mongo.IndexAwareH2Backend;
import com.boxncase.invites.localstack.mongo.IndexAwareMemoryBackend;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB-wire server in this JVM (mongo-java-server): in memory for tests and the bench, or on an H2 file
 * so a laptop's data survives a restart. Its backends resolve any filter holding an {@code _id} equality or
 * {@code $in} (or pinning another unique index) through that index, as MongoDB does, instead of scanning
 * ({@code localstack.mongo}). It has no sessions, transactions or non-unique secondary indexes (see
 * PLATFORM.md); production runs real MongoDB.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static EmbeddedMongo shared;

    private final MongoServer server;
    private final String connectionString;

    private EmbeddedMongo(MongoBackend backend, String host, int port, String database) {
        this.server = new MongoServer(backend);
        server.bind(host, port);
        InetSocketAddress address = server.getLocalAddress();
        this.connectionString = "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    /** An in-memory server on a free port, for tests. */
    public static EmbeddedMongo inMemory(String database) {
        return inMemory("127.0.0.1", 0, database);
    }

    /** An in-memory server on {@code host:port} (0: any free port); its data is gone when it stops. */
    public static EmbeddedMongo inMemory(String host, int port, String database) {
        return new EmbeddedMongo(new IndexAwareMemoryBackend(), host, port, database);
    }

    /** One in-memory server per JVM, so cached Spring test contexts of one module share it. */
    public static synchronized EmbeddedMongo shared() {
        if (shared == null) {
            shared = inMemory("invites");
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "embedded-mongo-stop"));
        }
        return shared;
    }

    /** A server whose data lives in {@code dataFile} (H2 MVStore), for the local stack. */
    public static EmbeddedMongo onFile(Path dataFile, String host, int port, String database) {
        try {
            Files.createDirectories(dataFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dataFile.getParent(), e);
        }
        return new EmbeddedMongo(new IndexAwareH2Backend(dataFile.toString()), host, port, database);
    }

    /** {@code mongodb://host:port/database}, for {@code spring.mongodb.uri}. */
    public String connectionString() {
        return connectionString;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
