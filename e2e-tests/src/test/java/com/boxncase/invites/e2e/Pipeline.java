package com.boxncase.invites.e2e;

import com.boxncase.invites.api.InviteApiApplication;
import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.localstack.EmbeddedMongo;
import com.boxncase.invites.notifier.NotifierApplication;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The delivery pipeline in this JVM: one KRaft broker, the shared MongoDB-wire server, GreenMail behind an
 * {@link SmtpGate}, and invite-api and notifier-worker as two Spring Boot applications on random ports, each
 * with its own application.yml and the settings below (short retries and outbox sweep).
 */
final class Pipeline implements AutoCloseable {

    /** {@code invites.links.secret}, shared by both apps as in production. */
    static final String LINK_SECRET = "e2e-link-secret-0123456789-0123456789";

    private final EmbeddedKafkaKraftBroker kafka;
    private final GreenMail mail;
    private final SmtpGate smtp;
    private final ConfigurableApplicationContext inviteApi;
    private final ConfigurableApplicationContext notifier;

    private Pipeline(
            EmbeddedKafkaKraftBroker kafka,
            GreenMail mail,
            SmtpGate smtp,
            ConfigurableApplicationContext inviteApi,
            ConfigurableApplicationContext notifier) {
        this.kafka = kafka;
        this.mail = mail;
        this.smtp = smtp;
        this.inviteApi = inviteApi;
        this.notifier = notifier;
    }

    static Pipeline start() throws IOException {
        return start(List.of());
    }

    /** The pipeline with extra settings for invite-api, e.g. {@code --spring.profiles.active=local}. */
    static Pipeline start(List<String> inviteApiArgs) throws IOException {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(
                1, 1, Topics.NOTIFY, Topics.NOTIFY_DLT, Topics.DELIVERY_STATUS, Topics.EVENTS, Topics.TEMPLATE_CHANGES);
        kafka.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0"));
        kafka.afterPropertiesSet();
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        SmtpGate smtp = new SmtpGate(mail.getSmtp().getPort());
        String mongo = EmbeddedMongo.shared().connectionString();
        String brokers = kafka.getBrokersAsString();

        List<String> shared = List.of(
                // the local profile's application-local.yml (next to each app's application.yml) holds the published
                // development values; the link secret below replaces the local one, as a deployment's would
                "--spring.profiles.active=local",
                "--server.port=0",
                "--spring.mongodb.uri=" + mongo,
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--spring.kafka.listener.poll-timeout=200ms",
                "--invites.links.secret=" + LINK_SECRET,
                "--logging.level.com.boxncase=DEBUG");
        // Logging is set up once per JVM, by the first app: the notifier, whose log pattern shows the ids.
        ConfigurableApplicationContext notifier = new SpringApplicationBuilder(NotifierApplication.class)
                .run(args(
                        shared,
                        "--spring.config.location=" + ownApplicationYml(NotifierApplication.class),
                        // invite-api's jar brings the outbox relay; the notifier writes no outbox
                        "--spring.autoconfigure.exclude=com.boxncase.invites.outbox.OutboxAutoConfiguration",
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + smtp.port(),
                        "--spring.mail.properties.mail.smtp.connectiontimeout=2000",
                        "--spring.mail.properties.mail.smtp.timeout=2000",
                        "--spring.mail.properties.mail.smtp.writetimeout=2000",
                        "--invites.notifier.retry.attempts=3",
                        "--invites.notifier.retry.initial-delay=100ms",
                        "--invites.notifier.retry.multiplier=2",
                        "--invites.notifier.retry.max-delay=200ms",
                        // retries 100 ms apart: a refused connection must not silence the relay for longer
                        "--invites.notifier.email.unavailable-cooldown=20ms"));
        try {
            List<String> own = new ArrayList<>(List.of(
                    "--spring.config.location=" + ownApplicationYml(InviteApiApplication.class),
                    "--invites.outbox.sweep-interval=200ms",
                    "--invites.outbox.grace=500ms"));
            own.addAll(inviteApiArgs);
            ConfigurableApplicationContext inviteApi = new SpringApplicationBuilder(InviteApiApplication.class)
                    .run(args(shared, own.toArray(String[]::new)));
            return new Pipeline(kafka, mail, smtp, inviteApi, notifier);
        } catch (RuntimeException e) {
            notifier.close();
            throw e;
        }
    }

    InviteApiClient api() {
        return new InviteApiClient(inviteApi.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    int inviteApiPort() {
        return inviteApi.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    GreenMail mail() {
        return mail;
    }

    SmtpGate smtp() {
        return smtp;
    }

    ConfigurableApplicationContext notifier() {
        return notifier;
    }

    ConfigurableApplicationContext inviteApi() {
        return inviteApi;
    }

    /**
     * The app's own application.yml: with both apps on one classpath, {@code classpath:application.yml} would be
     * whichever comes first.
     */
    private static String ownApplicationYml(Class<?> application) {
        String home =
                application.getProtectionDomain().getCodeSource().getLocation().toString();
        try {
            Enumeration<URL> candidates = application.getClassLoader().getResources("application.yml");
            while (candidates.hasMoreElements()) {
                String candidate = candidates.nextElement().toString();
                if (candidate.startsWith(home) || candidate.startsWith("jar:" + home + "!/")) {
                    return candidate;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no application.yml next to " + application.getName() + " in " + home);
    }

    private static String[] args(List<String> shared, String... own) {
        List<String> args = new ArrayList<>(shared);
        args.addAll(List.of(own));
        return args.toArray(String[]::new);
    }

    @Override
    public void close() throws IOException {
        try (smtp) {
            notifier.close();
            inviteApi.close();
        } finally {
            mail.stop();
            kafka.destroy();
        }
    }
}
