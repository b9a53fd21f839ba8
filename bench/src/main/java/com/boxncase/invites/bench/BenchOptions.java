package com.boxncase.invites.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one bench run does, from the command line of {@code ./bench/run}.
 *
 * @param invites invites to create in the pipeline phase
 * @param stores stores the invites are spread over (round robin)
 * @param concurrency requests in flight at most
 * @param rate requests per second to offer (open loop, latency from the intended start); 0 = as fast as the
 *     concurrency allows (closed loop)
 * @param warmup invites sent and delivered before measuring, so the JIT has compiled the hot paths
 * @param apiUrl invite-api to drive; null = start the local stack and the apps
 * @param smtpPort port of the bench SMTP sink; 0 = any free port
 * @param kafka bootstrap servers for the Kafka ceiling (required with {@code --api-url})
 * @param mongoUri MongoDB URI for the MongoDB ceiling (required with {@code --api-url})
 * @param ceilings whether to measure the component ceilings
 * @param baseline whether to measure the synchronous-email baseline
 * @param profile whether to record JFR execution samples of the started services during the load
 * @param listRequests list requests in the list-endpoint phase
 * @param repoDir the checkout (jars are found under it)
 * @param resultsDir where {@code <timestamp>/report.md} goes
 */
record BenchOptions(
        int invites,
        int stores,
        int concurrency,
        int rate,
        int warmup,
        String apiUrl,
        int smtpPort,
        String kafka,
        String mongoUri,
        boolean ceilings,
        boolean baseline,
        boolean profile,
        int listRequests,
        String jwtSecret,
        Path repoDir,
        Path resultsDir) {

    static final String USAGE = """
            usage: ./bench/run [--invites N] [--stores N] [--concurrency N] [--rate PER_SECOND] [--warmup N]
                               [--api-url URL --smtp-port PORT --kafka HOST:PORT --mongo-uri URI]
                               [--no-ceilings] [--no-baseline] [--no-profile] [--list-requests N]
                               [--results-dir DIR]
              --invites N        invites to create and deliver (default 500; 1000, 10000, 100000 for scale)
              --stores N         stores they are spread over (default 50)
              --concurrency N    requests in flight at most (default 64)
              --rate R           offer R requests/s (open loop); default: as fast as --concurrency allows
              --warmup N         invites delivered before measuring (default 200)
              --api-url URL      drive an invite-api that is already running instead of starting the stack;
                                 its notifier must send to the bench sink on --smtp-port
              --smtp-port PORT   port of the bench SMTP sink (default: any free port)
              --kafka, --mongo-uri  brokers and database for the component ceilings with --api-url
              --no-ceilings, --no-baseline, --no-profile  skip those phases
              --list-requests N  list-endpoint requests (default 200)
            """;

    static BenchOptions parse(List<String> args, Path repoDir) {
        int invites = 500;
        int stores = 50;
        int concurrency = 64;
        int rate = 0;
        int warmup = 200;
        String apiUrl = null;
        int smtpPort = 0;
        String kafka = null;
        String mongoUri = null;
        boolean ceilings = true;
        boolean baseline = true;
        boolean profile = true;
        int listRequests = 200;
        Path resultsDir = repoDir.resolve("bench").resolve("results");
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            switch (flag) {
                case "--invites" -> invites = positive(flag, value(flag, rest));
                case "--stores" -> stores = positive(flag, value(flag, rest));
                case "--concurrency" -> concurrency = positive(flag, value(flag, rest));
                case "--rate" -> rate = positive(flag, value(flag, rest));
                case "--warmup" -> warmup = nonNegative(flag, value(flag, rest));
                case "--api-url" -> apiUrl = stripSlash(value(flag, rest));
                case "--smtp-port" -> smtpPort = positive(flag, value(flag, rest));
                case "--kafka" -> kafka = value(flag, rest);
                case "--mongo-uri" -> mongoUri = value(flag, rest);
                case "--no-ceilings" -> ceilings = false;
                case "--no-baseline" -> baseline = false;
                case "--no-profile" -> profile = false;
                case "--list-requests" -> listRequests = nonNegative(flag, value(flag, rest));
                case "--results-dir" -> resultsDir = Path.of(value(flag, rest));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (apiUrl != null && ceilings && (kafka == null || mongoUri == null)) {
            throw new IllegalArgumentException(
                    "--api-url needs --kafka and --mongo-uri for the component ceilings (or --no-ceilings)");
        }
        if (apiUrl != null && smtpPort == 0) {
            throw new IllegalArgumentException("--api-url needs --smtp-port: the port its notifier sends to");
        }
        String secret = System.getenv()
                .getOrDefault("INVITES_SECURITY_JWT_HMACSECRET", "local-dev-jwt-secret-change-me-0123456789abcdef");
        return new BenchOptions(
                invites,
                Math.min(stores, invites),
                concurrency,
                rate,
                warmup,
                apiUrl,
                smtpPort,
                kafka,
                mongoUri,
                ceilings,
                baseline,
                profile,
                listRequests,
                secret,
                repoDir,
                resultsDir);
    }

    boolean startsStack() {
        return apiUrl == null;
    }

    private static String value(String flag, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return rest.remove(0);
    }

    private static int positive(String flag, String value) {
        int n = nonNegative(flag, value);
        if (n == 0) {
            throw new IllegalArgumentException(flag + " must be at least 1");
        }
        return n;
    }

    private static int nonNegative(String flag, String value) {
        try {
            int n = Integer.parseInt(value.replace("_", ""));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, was '" + value + "'");
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
