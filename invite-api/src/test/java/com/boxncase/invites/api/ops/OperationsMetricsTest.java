package com.boxncase.invites.api.ops;

import static com.boxncase.invites.api.support.InviteFixtures.inviteBody;
import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static com.boxncase.invites.api.support.InviteFixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import com.boxncase.invites.api.support.TestTokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ApiIntegrationTest
class OperationsMetricsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TopicMetrics topicMetrics;

    @Test
    void prometheusShowsOperationOutcomesAndConsumerLagWithoutStoreOrAddress() throws Exception {
        String store = newStore();
        String email = uniqueEmail();
        for (int i = 0; i < 2; i++) { // the second is a conflict: the invite is open already
            mvc.perform(post("/api/v1/stores/" + store + "/invites")
                    .header("Authorization", "Bearer " + TestTokens.admin(store))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(inviteBody(email)));
        }
        // lag shows once the audit projection has committed an offset on the events topic
        String scrape = await().atMost(Duration.ofSeconds(20))
                .until(this::scrapeAfterRefresh, text -> text.contains("group=\"invite-api-audit\""));

        assertThat(scrape)
                .contains(
                        "invites_api_operations_total{application=\"invite-api\",operation=\"create\",outcome=\"success\"}")
                .contains(
                        "invites_api_operations_total{application=\"invite-api\",operation=\"create\",outcome=\"conflict\"}")
                .containsPattern("invites_kafka_consumer_lag\\{application=\"invite-api\",group=\"invite-api-audit\","
                        + "partition=\"\\d\",topic=\"invites.events\"}")
                .contains("invites_kafka_topic_messages{application=\"invite-api\",topic=\"invites.notify\"}")
                .contains("invites_kafka_topic_end_offset{application=\"invite-api\",topic=\"invites.notify\"}")
                .doesNotContain(store)
                .doesNotContain(email);
    }

    private String scrapeAfterRefresh() throws Exception {
        topicMetrics.refresh();
        return mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void readinessIsUpWithKafkaAndMongo() throws Exception {
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        String health =
                mvc.perform(get("/actuator/health")).andReturn().getResponse().getContentAsString();
        assertThat(health).contains("\"status\":\"UP\"");
    }
}
