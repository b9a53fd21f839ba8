package com.boxncase.invites.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local stack and the apps, started for one run on free ports with a fresh data dir, so a developer's
 * {@code .local-data} and {@code ./run-local} are never touched. LocalStack keeps MongoDB's data in memory
 * ({@code LOCAL_MONGO_BACKEND=memory}: no H2 file growing by a gigabyte per 100,000 invites) and skips its
 * own SMTP sink ({@code SPRING_MAIL_HOST} is set); the notifier sends to the bench sink. The services run
 * with the {@code local} profile, which holds the development secrets the bench's tokens are signed with.
 */
final class StackProcesses implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final int kafkaPort;
    private final int mongoPort;
    private final int apiPort;
    private final int notifierPort;

    private StackProcesses(Path dataDir) {
        this.dataDir = dataDir;
        this.kafkaPort = freePort();
        this.mongoPort = freePort();
        this.apiPort = freePort();
        this.notifierPort = freePort();
    }

    static StackProcesses start(Path repoDir, String version, int smtpPort, int localStackHeapMb)
            throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("boxncase-bench-");
        StackProcesses stack = new StackProcesses(dataDir);
        try {
            stack.startAll(repoDir, version, smtpPort, localStackHeapMb);
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            for (String name : stack.processes.keySet()) {
                stack.printTail(name);
            }
            stack.close();
            throw e;
        }
    }

    /**
     * local-stack's heap for a run: the in-memory MongoDB holds every invite of the run with its audit and
     * ledger entries (about 12 KB of heap each, 16 counted so the collector keeps room to work: at 10 counted, a
     * run of 260,000 invites filled the old generation and spent its last minutes in full collections) and the
     * baseline's documents (about 3 KB each).
     */
    static int localStackHeapMb(long pipelineInvites, long baselineInvites) {
        long mb = 512 + (pipelineInvites * 16 + baselineInvites * 3) / 1024;
        return (int) Math.min(16 * 1024, Math.max(768, mb));
    }

    private void startAll(Path repoDir, String version, int smtpPort, int localStackHeapMb)
            throws IOException, InterruptedException {
        Files.createDirectories(dataDir.resolve("logs"));
        Map<String, String> stackEnv = new LinkedHashMap<>();
        stackEnv.put("LOCAL_DATA_DIR", dataDir.toString());
        stackEnv.put("LOCAL_KAFKA_PORT", Integer.toString(kafkaPort));
        stackEnv.put("LOCAL_MONGO_PORT", Integer.toString(mongoPort));
        stackEnv.put("LOCAL_MAIL_UI_PORT", Integer.toString(freePort()));
        stackEnv.put("LOCAL_TWILIO_PORT", Integer.toString(freePort()));
        stackEnv.put("LOCAL_MONGO_BACKEND", "memory");
        stackEnv.put("SPRING_MAIL_HOST", "127.0.0.1"); // skip LocalStack's GreenMail sink
        Path stackJar = jar(repoDir, "local-stack", "local-stack-" + version + "-exec.jar");
        Process stack =
                spawn("local-stack", stackEnv, List.of("-Xmx" + localStackHeapMb + "m", "-jar", stackJar.toString()));
        waitForLog("local-stack", "Local stack ready", Duration.ofMinutes(5), stack);

        Map<String, String> appEnv = new LinkedHashMap<>();
        // the apps' published development secrets; without the local profile they refuse to start
        appEnv.put("SPRING_PROFILES_ACTIVE", "local");
        appEnv.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap());
        appEnv.put("SPRING_MONGODB_URI", mongoUri());
        Map<String, String> apiEnv = new LinkedHashMap<>(appEnv);
        apiEnv.put("SERVER_PORT", Integer.toString(apiPort));
        Map<String, String> notifierEnv = new LinkedHashMap<>(appEnv);
        notifierEnv.put("SERVER_PORT", Integer.toString(notifierPort));
        notifierEnv.put("SPRING_MAIL_HOST", "127.0.0.1");
        notifierEnv.put("SPRING_MAIL_PORT", Integer.toString(smtpPort));
        Process api = spawn(
                "invite-api",
                apiEnv,
                List.of(
                        "-Xmx256m",
                        "-jar",
                        jar(repoDir, "invite-api", "invite-api-" + version + ".jar")
                                .toString()));
        Process notifier = spawn(
                "notifier-worker",
                notifierEnv,
                List.of(
                        "-Xmx256m",
                        "-jar",
                        jar(repoDir, "notifier-worker", "notifier-worker-" + version + ".jar")
                                .toString()));
        waitForHealth("invite-api", apiPort, api);
        waitForHealth("notifier-worker", notifierPort, notifier);
    }

    String notifierUrl() {
        return "http://127.0.0.1:" + notifierPort;
    }

    String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    String mongoUri() {
        return "mongodb://127.0.0.1:" + mongoPort + "/invites";
    }

    Path dataDir() {
        return dataDir;
    }

    /** Name -> pid of every process this run started. */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        processes.forEach((name, process) -> pids.put(name, process.pid()));
        return pids;
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(processes.keySet());
        // apps first, then the stack, so the apps leave their consumer groups while Kafka is up
        for (int i = names.size() - 1; i >= 0; i--) {
            Process process = processes.get(names.get(i));
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        deleteRecursively(dataDir);
    }

    private Process spawn(String name, Map<String, String> env, List<String> javaArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log(name).toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.put(name, process);
        return process;
    }

    private void printTail(String name) {
        try {
            List<String> lines = Files.readAllLines(log(name));
            System.err.println("---- last lines of " + name + ".log");
            lines.subList(Math.max(0, lines.size() - 25), lines.size()).forEach(System.err::println);
        } catch (IOException | RuntimeException e) {
            System.err.println("bench: no log of " + name + ": " + e);
        }
    }

    Path log(String name) {
        return dataDir.resolve("logs").resolve(name + ".log");
    }

    private void waitForLog(String name, String text, Duration timeout, Process process)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log(name)) && Files.readString(log(name)).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited before it was ready; see " + log(name));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; see " + log(name));
    }

    private void waitForHealth(String name, int port, Process process) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited before it was healthy; see " + log(name));
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                if (System.nanoTime() - started > Duration.ofSeconds(30).toNanos()) {
                    // serving, but a health contributor is not UP (e.g. an unconfigured SMS provider);
                    // the warm-up proves the email path works
                    System.out.println("bench: " + name + " health answers " + response.statusCode() + ", going on: "
                            + response.body().lines().findFirst().orElse(""));
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " not healthy after 10 minutes; see " + log(name));
    }

    private static Path jar(Path repoDir, String module, String fileName) {
        Path jar = repoDir.resolve(module).resolve("target").resolve(fileName);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing " + jar + " (./bench/run builds it; did the build fail?)");
        }
        return jar;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("bench: could not delete " + dir + ": " + e);
        }
    }
}
