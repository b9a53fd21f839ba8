package com.boxncase.invites.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one bench run does, from the command line of {@code ./bench/run}.
 *
 * @param invites invites to create in each pipeline phase
 * @param stores stores the invites are spread over (round robin), warm-up included
 * @param concurrency requests in flight at most
 * @param rate the load's pacing: closed loop, a fixed open-loop rate, or the measured maximum first and then
 *     an open loop at {@code rateFraction} of it, and optionally more open loops at other shares of it
 * @param warmup invites per warm-up round, sent closed loop and delivered before measuring, on the same stores
 * @param warmupRounds warm-up rounds at most: the warm-up ends once the services' JIT compilers took under
 *     {@link WarmUp#STEADY_JIT_SHARE} of their CPU over the last {@link WarmUp#SETTLING_ROUNDS} rounds (each phase
 *     also waits for the compilers to go quiet before it starts)
 * @param smtpDelay how long the bench sink takes to answer DATA in the provider-latency phase (a real
 *     provider's latency); zero skips that phase
 * @param delayInvites invites in each design's provider-latency phase
 * @param apiUrl invite-api to drive; null = start the local stack and the apps
 * @param smtpPort port of the bench SMTP sink; 0 = any free port
 * @param kafka bootstrap servers for the Kafka ceiling (required with {@code --api-url})
 * @param mongoUri MongoDB URI for the MongoDB ceiling and the baseline (required with {@code --api-url})
 * @param ceilings whether to measure the component ceilings
 * @param baseline whether to measure the synchronous baseline
 * @param profile whether to record JFR execution samples of the started services during the open loop (off by
 *     default: JFR started on the running services made that phase collapse, see bench/README.md)
 * @param listRequests list requests in the list-endpoint phase
 * @param repoDir the checkout (jars are found under it)
 * @param resultsDir where {@code <timestamp>/report.md} goes
 */
record BenchOptions(
        int invites,
        int stores,
        int concurrency,
        Rate rate,
        int warmup,
        int warmupRounds,
        Duration smtpDelay,
        int delayInvites,
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

    /**
     * How the load is paced. {@code perSecond} 0 and not {@code auto}: closed loop (as fast as the concurrency
     * allows). {@code auto}: a closed-loop phase measures the maximum, then an open-loop phase runs at
     * {@code fraction} of it, then one more open-loop phase at each of {@code steps} (shares of the same maximum),
     * so one run draws the API's latency against the offered load.
     */
    record Rate(int perSecond, boolean auto, double fraction, List<Double> steps) {

        Rate {
            steps = List.copyOf(steps);
        }

        boolean closedPhase() {
            return auto || perSecond == 0;
        }

        boolean openPhase() {
            return auto || perSecond > 0;
        }

        String describe() {
            if (auto) {
                return "auto (closed loop, then open loop at " + percent(fraction) + " of its maximum"
                        + (steps.isEmpty() ? "" : ", then load steps at " + percents(steps) + " of it") + ")";
            }
            return perSecond == 0 ? "closed loop" : "open loop at " + perSecond + "/s";
        }

        /** A share of the maximum as the run's messages and phase names show it: {@code 0.8} is {@code 80 %}. */
        static String percent(double share) {
            return Math.round(share * 100) + " %";
        }

        private static String percents(List<Double> shares) {
            return String.join(", ", shares.stream().map(Rate::percent).toList());
        }
    }

    static final String USAGE = """
            usage: ./bench/run [--invites N] [--stores N] [--concurrency N] [--rate auto|PER_SECOND|0]
                               [--rate-fraction F] [--rate-steps F,F,...] [--warmup N] [--warmup-rounds N]
                               [--smtp-delay DURATION] [--delay-invites N]
                               [--api-url URL --smtp-port PORT --kafka HOST:PORT --mongo-uri URI]
                               [--no-ceilings] [--no-baseline] [--profile] [--list-requests N]
                               [--results-dir DIR]
              --invites N         invites per pipeline phase (default 500; 10000 and 100000 for flatness)
              --stores N          stores the invites are spread over (default 50)
              --concurrency N     requests in flight at most (default 64)
              --rate auto         (default) a closed-loop phase finds the maximum, then an open-loop phase runs
                                  at --rate-fraction of it (latency targets are read there)
              --rate R            open loop at R requests/s only; --rate 0: closed loop only
              --rate-fraction F   share of the measured maximum for --rate auto (default 0.8)
              --rate-steps F,...  with --rate auto, after its open loop, one more of --invites at each of
                                  these shares of the maximum (e.g. 0.2,0.4,0.6): the API's latency by
                                  offered load, in one run (default none)
              --warmup N          invites per warm-up round, closed loop, on the same stores (default 2000)
              --warmup-rounds N   warm-up rounds at most (default 80): the warm-up ends once the services'
                                  JIT compilers took under %d %% of the last %d rounds' CPU, so the
                                  phases measure the steady state (between rounds, and before each phase,
                                  the compilers are let finish their queue); 1: one round, settled or not
              --smtp-delay D      the sink answers DATA after D (e.g. 100ms, 0.25s) in an extra phase of both
                                  designs, standing for a real provider's latency (default 100ms; 0 skips it)
              --delay-invites N   invites per design in that phase (default: --invites, at most 1000)
              --api-url URL       drive an invite-api that is already running instead of starting the stack;
                                  its notifier must send to the bench sink on --smtp-port
              --smtp-port PORT    port of the bench SMTP sink (default: any free port)
              --kafka, --mongo-uri  brokers and database of that stack (ceilings, baseline, Kafka records)
              --no-ceilings, --no-baseline  skip those phases
              --profile           record JFR execution samples of the services during the open loop (that
                                  phase's figures then measure the services under JFR, not the targets)
              --list-requests N   list-endpoint requests (default 200)
            """.formatted(Math.round(WarmUp.STEADY_JIT_SHARE * 100), WarmUp.SETTLING_ROUNDS);

    static BenchOptions parse(List<String> args, Path repoDir) {
        int invites = 500;
        int stores = 50;
        int concurrency = 64;
        int ratePerSecond = 0;
        boolean rateAuto = true;
        double rateFraction = 0.8;
        List<Double> rateSteps = List.of();
        int warmup = 2000;
        int warmupRounds = 80;
        Duration smtpDelay = Duration.ofMillis(100);
        Integer delayInvites = null;
        String apiUrl = null;
        int smtpPort = 0;
        String kafka = null;
        String mongoUri = null;
        boolean ceilings = true;
        boolean baseline = true;
        boolean profile = false;
        int listRequests = 200;
        Path resultsDir = repoDir.resolve("bench").resolve("results");
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            switch (flag) {
                case "--invites" -> invites = positive(flag, value(flag, rest));
                case "--stores" -> stores = positive(flag, value(flag, rest));
                case "--concurrency" -> concurrency = positive(flag, value(flag, rest));
                case "--rate" -> {
                    String value = value(flag, rest);
                    rateAuto = value.equalsIgnoreCase("auto");
                    ratePerSecond = rateAuto ? 0 : nonNegative(flag, value);
                }
                case "--rate-fraction" -> rateFraction = fraction(flag, value(flag, rest));
                case "--rate-steps" -> rateSteps = fractions(flag, value(flag, rest));
                case "--warmup" -> warmup = nonNegative(flag, value(flag, rest));
                case "--warmup-rounds" -> warmupRounds = positive(flag, value(flag, rest));
                case "--smtp-delay" -> smtpDelay = duration(flag, value(flag, rest));
                case "--delay-invites" -> delayInvites = positive(flag, value(flag, rest));
                case "--api-url" -> apiUrl = stripSlash(value(flag, rest));
                case "--smtp-port" -> smtpPort = positive(flag, value(flag, rest));
                case "--kafka" -> kafka = value(flag, rest);
                case "--mongo-uri" -> mongoUri = value(flag, rest);
                case "--no-ceilings" -> ceilings = false;
                case "--no-baseline" -> baseline = false;
                case "--profile" -> profile = true;
                case "--no-profile" -> profile = false;
                case "--list-requests" -> listRequests = nonNegative(flag, value(flag, rest));
                case "--results-dir" -> resultsDir = Path.of(value(flag, rest));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (apiUrl != null && (kafka == null || mongoUri == null)) {
            throw new IllegalArgumentException(
                    "--api-url needs --kafka and --mongo-uri (Kafka records, MongoDB figures, ceilings, baseline)");
        }
        if (!rateSteps.isEmpty() && !rateAuto) {
            throw new IllegalArgumentException("--rate-steps are shares of the maximum: they need --rate auto");
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
                new Rate(ratePerSecond, rateAuto, rateFraction, rateSteps),
                warmup,
                warmupRounds,
                smtpDelay,
                delayInvites != null ? delayInvites : Math.min(invites, 1000),
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

    /** Invites the whole run may create in the pipeline (every warm-up round and every phase). */
    long plannedPipelineInvites() {
        return (long) warmup * warmupRounds
                + mirroredPhaseInvites()
                + (long) invites * rate.steps().size();
    }

    /** Documents the synchronous baseline inserts over the run. */
    long plannedBaselineInvites() {
        if (!baseline) {
            return 0;
        }
        return mirroredPhaseInvites() + Math.min(200, invites);
    }

    /** Invites of the pipeline phases the baseline mirrors: closed loop, open loop, provider latency (not the steps). */
    private long mirroredPhaseInvites() {
        int phases = (rate.closedPhase() ? 1 : 0) + (rate.openPhase() ? 1 : 0);
        return (long) invites * phases + (smtpDelay.isZero() ? 0 : delayInvites);
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

    private static double fraction(String flag, String value) {
        try {
            double f = Double.parseDouble(value);
            if (!(f > 0 && f <= 1)) {
                throw new NumberFormatException();
            }
            return f;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number above 0 and at most 1, was '" + value + "'");
        }
    }

    private static List<Double> fractions(String flag, String value) {
        List<Double> fractions = new ArrayList<>();
        for (String part : value.split(",")) {
            fractions.add(fraction(flag, part.strip()));
        }
        return fractions;
    }

    /** {@code 100ms}, {@code 0.25s}, {@code 2s} or a plain number of milliseconds. */
    static Duration duration(String flag, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            double millis;
            if (v.endsWith("ms")) {
                millis = Double.parseDouble(v.substring(0, v.length() - 2));
            } else if (v.endsWith("s")) {
                millis = Double.parseDouble(v.substring(0, v.length() - 1)) * 1000;
            } else {
                millis = Double.parseDouble(v);
            }
            if (millis < 0 || millis > 60_000) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos(Math.round(millis * 1_000_000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    flag + " must be a duration from 0 to 60s such as 100ms or 0.25s, was '" + value + "'");
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
