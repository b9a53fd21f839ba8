package com.boxncase.invites.api.invite;

import static com.boxncase.invites.api.support.InviteFixtures.inviteBody;
import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static com.boxncase.invites.api.support.InviteFixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.boxncase.invites.api.support.TopicRecorder;
import com.boxncase.invites.contracts.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The core of the lifecycle against real MongoDB (a replica set, with the secondary and sparse unique
 * indexes the embedded wire server does not implement) and a real Kafka container. Skipped where no
 * Docker engine exists, such as the build machines; runs on developer machines and CI runners with Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest
@AutoConfigureMockMvc
class RealMongoAndKafkaTest {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    @DynamicPropertySource
    static void containers(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
        registry.add("spring.mongodb.uri", () -> MONGO.getReplicaSetUrl("invites"));
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Test
    void inviteIsStoredPublishedUniquePerEmailAndAcceptedOnce() throws Exception {
        InviteApiSupport api = new InviteApiSupport(mvc, json, newStore());
        String email = uniqueEmail();
        String inviteId = api.invite(email).get("id").asString();

        try (TopicRecorder commands = new TopicRecorder(KAFKA.getBootstrapServers(), Topics.NOTIFY)) {
            await().untilAsserted(() -> assertThat(commands.withKey(inviteId)).hasSize(1));
        }
        api.create(inviteBody(email.toUpperCase()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.existingInviteId").value(inviteId));

        String token = api.tokenOfLink(inviteId);
        api.accept(token, "Grace").andExpect(status().isCreated());
        api.accept(token, "Grace").andExpect(status().isGone());
        api.invite(email); // accepted invites no longer block a new one for the same address
    }
}
