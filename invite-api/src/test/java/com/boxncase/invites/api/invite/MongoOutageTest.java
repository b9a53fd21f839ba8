package com.boxncase.invites.api.invite;

import static com.boxncase.invites.api.support.InviteFixtures.inviteBody;
import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static com.boxncase.invites.api.support.InviteFixtures.uniqueEmail;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** With MongoDB unreachable the API answers at once with a 503 problem instead of hanging or a 500. */
@SpringBootTest
@AutoConfigureMockMvc
class MongoOutageTest {

    @DynamicPropertySource
    static void nothingListensThere(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + freePort() + "/invites");
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + freePort());
        registry.add("spring.kafka.listener.auto-startup", () -> "false");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Test
    void writesAndReadsAnswer503ProblemWhenMongoIsDown() throws Exception {
        InviteApiSupport api = new InviteApiSupport(mvc, json, newStore());
        api.create(inviteBody(uniqueEmail()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"))
                .andExpect(header().string("Content-Type", containsString("application/problem+json")));
        api.list("").andExpect(status().isServiceUnavailable());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
