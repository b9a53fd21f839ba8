package com.boxncase.invites.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka broker in KRaft combined mode (one node that is broker and controller) in this JVM,
 * with its log on disk so topics and committed offsets survive a restart, like the MongoDB data.
 */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    public static KafkaBroker start(String host, int port, Path dataDir) {
        Path logDir = dataDir.resolve("logs");
        Properties config = serverConfig(host, port, freePort(host), logDir);
        Path configFile = dataDir.resolve("server.properties");
        write(config, configFile);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            formatStorage(configFile);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        server.startup();
        return new KafkaBroker(server, host + ":" + port);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties serverConfig(String host, int port, int controllerPort, Path logDir) {
        Properties config = new Properties();
        config.setProperty("process.roles", "broker,controller");
        config.setProperty("node.id", "1");
        config.setProperty("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        config.setProperty(
                "listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        config.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        config.setProperty("controller.listener.names", "CONTROLLER");
        config.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.setProperty("inter.broker.listener.name", "PLAINTEXT");
        config.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        config.setProperty("auto.create.topics.enable", "true");
        config.setProperty("num.partitions", "3");
        config.setProperty("offsets.topic.replication.factor", "1");
        config.setProperty("offsets.topic.num.partitions", "5");
        config.setProperty("transaction.state.log.replication.factor", "1");
        config.setProperty("transaction.state.log.min.isr", "1");
        config.setProperty("share.coordinator.state.topic.replication.factor", "1");
        config.setProperty("share.coordinator.state.topic.min.isr", "1");
        config.setProperty("group.initial.rebalance.delay.ms", "0");
        return config;
    }

    /** Writes meta.properties and the bootstrap checkpoint of a new cluster; only for an empty log. */
    private static void formatStorage(Path configFile) {
        String[] args = {"format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString()};
        int exitCode = StorageTool.execute(args, new PrintStream(OutputStream.nullOutputStream()));
        if (exitCode != 0) {
            throw new IllegalStateException("formatting the Kafka log under " + configFile.getParent() + " failed");
        }
    }

    private static void write(Properties config, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                config.store(out, "Written by local-stack on every start; edit LocalStack instead");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The controller listener is internal to this process, so any free port will do. */
    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the Kafka controller", e);
        }
    }
}
