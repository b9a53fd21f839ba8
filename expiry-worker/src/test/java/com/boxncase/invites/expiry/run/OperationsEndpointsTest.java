package com.boxncase.invites.expiry.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxncase.invites.expiry.WorkerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

class OperationsEndpointsTest extends WorkerTest {

    @LocalServerPort
    int port;

    @Test
    void prometheusScrapeShowsTheWorkersMetrics() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("invites_expiry_expired_total")
                .contains("invites_expiry_reminders_queued_total")
                .contains("invites_expiry_purged_total")
                .contains("invites_expiry_run_seconds")
                .contains("invites_expiry_backlog");
    }

    @Test
    void healthIsUpAndShowsComponentsButNoDetails() throws Exception {
        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"UP\"", "\"mongo\"", "\"indexes\"")
                .doesNotContain("details");
    }

    @Test
    void readinessWaitsForTheIndexPlan() throws Exception {
        HttpResponse<String> response = get("/actuator/health/readiness");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"indexes\"", "\"mongo\"");
    }

    @Test
    void onlyHealthInfoAndPrometheusAreExposed() throws Exception {
        assertThat(get("/actuator/metrics").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
