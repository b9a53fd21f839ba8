package com.boxncase.invites.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands (round trips) a service has sent to MongoDB so far, by command and collection, read from its
 * Prometheus endpoint: Spring Boot registers Micrometer's driver command listener, whose timer counts every
 * command ({@code mongodb_driver_commands_seconds_count}, one series per command, collection and outcome).
 * A bulk write of 100 updates is one {@code update} command here; the documents it wrote are counted on
 * the server side ({@link MongoServerStatus}).
 */
final class MongoCommands {

    private static final String SERIES = "mongodb_driver_commands_seconds_count";
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code "command collection"} -> commands so far; empty when the service does not expose them. */
    Map<String, Long> counts(String serviceUrl) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/prometheus"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parse(response.body()) : Map.of();
        } catch (Exception e) {
            return Map.of();
        }
    }

    static Map<String, Long> parse(String prometheusText) {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : prometheusText.split("\n")) {
            if (!line.startsWith(SERIES + "{") && !line.startsWith(SERIES + " ")) {
                continue;
            }
            String command = "?";
            String collection = "";
            int close = line.lastIndexOf('}');
            if (close > 0) {
                Matcher label = LABEL.matcher(line.substring(0, close));
                while (label.find()) {
                    if (label.group(1).equals("command")) {
                        command = label.group(2);
                    } else if (label.group(1).equals("collection")) {
                        collection = label.group(2);
                    }
                }
            }
            long value = Math.round(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            counts.merge((command + " " + collection).strip(), value, Long::sum);
        }
        return counts;
    }

    /** What happened between two readings: each key's increase. */
    static Map<String, Long> between(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((key, count) -> {
            long increase = count - before.getOrDefault(key, 0L);
            if (increase > 0) {
                delta.put(key, increase);
            }
        });
        return delta;
    }
}
