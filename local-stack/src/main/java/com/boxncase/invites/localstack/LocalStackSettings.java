package com.boxncase.invites.localstack;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What the local stack starts and where, read from the environment. A piece is skipped when the
 * standard Spring setting of the apps already points at a real server.
 */
record LocalStackSettings(
        String host,
        Path dataDir,
        boolean startKafka,
        int kafkaPort,
        boolean startMongo,
        int mongoPort,
        MongoStorage mongoStorage,
        boolean startMailSink,
        int smtpPort,
        int mailUiPort,
        boolean startTwilio,
        int twilioPort) {

    static LocalStackSettings from(Map<String, String> env) {
        return new LocalStackSettings(
                "127.0.0.1",
                Path.of(valueOr(env, "LOCAL_DATA_DIR", ".local-data")),
                !isSet(env, "SPRING_KAFKA_BOOTSTRAP_SERVERS"),
                port(env, "LOCAL_KAFKA_PORT", 9092),
                !isSet(env, "SPRING_MONGODB_URI"),
                port(env, "LOCAL_MONGO_PORT", 27017),
                MongoStorage.from(valueOr(env, "LOCAL_MONGO_BACKEND", "file")),
                !isSet(env, "SPRING_MAIL_HOST"),
                port(env, "LOCAL_SMTP_PORT", 1025),
                port(env, "LOCAL_MAIL_UI_PORT", 8025),
                !isSet(env, "INVITES_SMS_TWILIO_BASE_URL") && !isSet(env, "INVITES_SMS_TWILIO_BASEURL"),
                port(env, "LOCAL_TWILIO_PORT", 8026));
    }

    /** Where the MongoDB-wire server keeps its data ({@code LOCAL_MONGO_BACKEND}). */
    enum MongoStorage {
        /** An H2 file under the data dir: survives a restart ({@code ./run-local}). */
        FILE,
        /** The heap: faster, gone when the stack stops (the bench). */
        MEMORY;

        static MongoStorage from(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "file" -> FILE;
                case "memory" -> MEMORY;
                default ->
                    throw new IllegalArgumentException(
                            "LOCAL_MONGO_BACKEND must be 'file' or 'memory', was '" + value + "'");
            };
        }
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }

    private static String valueOr(Map<String, String> env, String name, String fallback) {
        return isSet(env, name) ? env.get(name).trim() : fallback;
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = valueOr(env, name, Integer.toString(fallback));
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number (1-65535), was '" + value + "'");
        }
    }
}
