package com.boxncase.invites.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    private static final String HOST = "127.0.0.1";

    @TempDir
    Path dataDir;

    @Test
    void recordsAndTopicsSurviveARestartOnTheSameDataDirectory() throws Exception {
        int port = freePort();
        try (KafkaBroker broker = KafkaBroker.start(HOST, port, dataDir)) {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", broker.bootstrapServers(), "acks", "all"),
                    new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("local.probe", "key", "kept"))
                        .get();
            }
        }

        try (KafkaBroker broker = KafkaBroker.start(HOST, port, dataDir);
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                        Map.of(
                                "bootstrap.servers", broker.bootstrapServers(),
                                "group.id", "probe",
                                "auto.offset.reset", "earliest"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            consumer.subscribe(List.of("local.probe"));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int polls = 0; polls < 40 && records.isEmpty(); polls++) {
                records = consumer.poll(Duration.ofMillis(500));
            }
            assertThat(records).extracting(r -> r.value()).containsExactly("kept");
            assertThat(consumer.partitionsFor("local.probe")).hasSize(3);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }
}
