package com.boxncase.invites.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * How many commands (round trips) a service has sent to MongoDB so far, read from its Prometheus endpoint:
 * Spring Boot registers Micrometer's driver command listener, whose timer counts every command
 * ({@code mongodb_driver_commands_seconds_count}, one series per command name and outcome).
 */
final class MongoCommands {

    private static final String SERIES = "mongodb_driver_commands_seconds_count";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The total so far, or -1 when the service does not expose it. */
    long count(String serviceUrl) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/prometheus"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return -1;
            }
            return sum(response.body());
        } catch (Exception e) {
            return -1;
        }
    }

    static long sum(String prometheusText) {
        double total = 0;
        boolean found = false;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(SERIES + "{") || line.startsWith(SERIES + " ")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? Math.round(total) : -1;
    }
}
