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
    void healthIsUp() throws Exception {
        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"UP\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
