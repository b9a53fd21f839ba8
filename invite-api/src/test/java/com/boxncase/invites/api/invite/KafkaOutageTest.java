package com.boxncase.invites.api.invite;

import static com.boxncase.invites.api.support.InviteFixtures.inviteBody;
import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static com.boxncase.invites.api.support.InviteFixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.boxncase.invites.api.support.TestInfrastructure;
import com.boxncase.invites.api.support.TopicRecorder;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.localstack.KafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API keeps accepting invites while Kafka is down; the outbox publishes every command once the broker
 * is back, none lost. Runs in a context of its own, against a broker it stops and restarts on the same
 * port and log directory.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestInfrastructure.class)
class KafkaOutageTest {

    static final int PORT = freePort();
    static Path logDir;
    static KafkaBroker broker;

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @DynamicPropertySource
    static void startBroker(DynamicPropertyRegistry registry) throws IOException {
        logDir = Files.createTempDirectory("kafka-outage-test");
        broker = KafkaBroker.start("127.0.0.1", PORT, logDir);
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
        registry.add("invites.outbox.sweep-interval", () -> "200ms");
        registry.add("invites.outbox.grace", () -> "300ms");
        registry.add("spring.kafka.producer.properties.max.block.ms", () -> "1000");
        registry.add("spring.kafka.producer.properties.reconnect.backoff.max.ms", () -> "500");
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void invitesCreatedWhileKafkaIsStoppedAreAllPublishedWhenItIsBack() throws Exception {
        InviteApiSupport api = new InviteApiSupport(mvc, json, newStore());
        try (TopicRecorder commands = new TopicRecorder(broker.bootstrapServers(), Topics.NOTIFY)) {
            String before = api.invite().get("id").asString();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !commands.withKey(before).isEmpty());
        }

        broker.close();
        List<String> inviteIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inviteIds.add(api.read(api.create(inviteBody(uniqueEmail())).andExpect(status().isCreated()))
                    .get("id")
                    .asString());
        }
        broker = KafkaBroker.start("127.0.0.1", PORT, logDir);

        try (TopicRecorder commands = new TopicRecorder(broker.bootstrapServers(), Topics.NOTIFY)) {
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(inviteIds)
                            .allSatisfy(id -> assertThat(commands.withKey(id)).isNotEmpty()));
            List<String> commandIds = commands.matching(record -> inviteIds.contains(record.key())).stream()
                    .map(record ->
                            json.readValue(record.value(), NotifyInvite.class).commandId())
                    .distinct()
                    .toList();
            assertThat(commandIds).hasSize(5);
            // published by the sweep, from the stored outbox entry: the request's trace context came along
            assertThat(commands.matching(record -> inviteIds.contains(record.key())))
                    .allSatisfy(record -> assertThat(record.headers().lastHeader("traceparent"))
                            .isNotNull());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
