package com.boxncase.invites.notifier;

import static com.boxncase.invites.notifier.support.InviteFixtures.ACCEPT_URL_BASE;
import static com.boxncase.invites.notifier.support.InviteFixtures.notifyCommand;
import static com.boxncase.invites.notifier.support.InviteFixtures.pendingInviteFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.DeliveryStatusChanged;
import com.boxncase.invites.contracts.InviteLinks;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.TemplateChanged;
import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.localstack.EmbeddedMongo;
import com.boxncase.invites.notifier.delivery.email.SmtpConnections;
import com.boxncase.invites.notifier.support.SmtpStub;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "invites.notifier.retry.attempts=4",
            "invites.notifier.retry.initial-delay=100ms",
            "invites.notifier.retry.multiplier=2",
            "invites.notifier.retry.max-delay=400ms",
            "spring.kafka.listener.poll-timeout=200ms",
            "spring.mail.properties.mail.smtp.connectiontimeout=2000",
            "spring.mail.properties.mail.smtp.timeout=2000",
            "spring.mail.properties.mail.smtp.writetimeout=2000"
        })
@EmbeddedKafka(
        partitions = 1,
        topics = {Topics.NOTIFY, Topics.NOTIFY_DLT, Topics.DELIVERY_STATUS, Topics.TEMPLATE_CHANGES},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class NotifierWorkerTest {

    private static final String LINK_SECRET = "local-dev-link-secret-change-me-0123456789";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final GreenMail GREEN_MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    JavaMailSenderImpl mailSender;

    @Autowired
    SmtpConnections smtpConnections;

    @Autowired
    Recorder recorder;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int managementPort;

    @BeforeAll
    static void startGreenMail() {
        if (!GREEN_MAIL.isRunning()) {
            GREEN_MAIL.start();
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        startGreenMail();
        registry.add("spring.mongodb.uri", () -> EmbeddedMongo.shared().connectionString());
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> GREEN_MAIL.getSmtp().getPort());
    }

    @BeforeEach
    void sendThroughGreenMail() {
        smtpOn(GREEN_MAIL.getSmtp().getPort());
    }

    @Test
    void inviteArrivesAsMultipartEmailWithLinkLocaleAndEscapedNote() throws Exception {
        NotifyInvite command = notifyCommand()
                .locale("de-DE")
                .personalNote("Willkommen <b>im Team</b> & \"bis bald\"")
                .build();

        issue(command);

        List<DeliveryStatusChanged> events = awaitOutcome(command, DeliveryState.SENT);
        MimeMessage email = receivedBy(command.email());
        String acceptUrl = new InviteLinks(LINK_SECRET.getBytes(StandardCharsets.UTF_8))
                .url(ACCEPT_URL_BASE, command.inviteId(), command.linkId());
        assertThat(email.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) email.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(email.getSubject()).isEqualTo("Ann Owner hat Sie eingeladen, Corner Shop mitzuverwalten");
        assertThat(text).contains(acceptUrl).contains("5. März 2031").contains("Willkommen <b>im Team</b>");
        assertThat(html)
                .contains(acceptUrl)
                .contains("Willkommen &lt;b&gt;im Team&lt;/b&gt; &amp; &quot;bis bald&quot;")
                .doesNotContain("<b>im Team</b>");
        InternetAddress from = (InternetAddress) email.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("invites@boxncase.local");
        assertThat(from.getPersonal()).isEqualTo("Corner Shop Team");
        assertThat(((InternetAddress) email.getReplyTo()[0]).getAddress()).isEqualTo("owner@corner.test");
        assertThat(email.getHeader("X-Invite-Id")).containsExactly(command.inviteId());
        assertThat(email.getHeader("X-Command-Id")).containsExactly(command.commandId());
        assertThat(events)
                .extracting(DeliveryStatusChanged::state)
                .containsExactly(DeliveryState.SENDING, DeliveryState.SENT);
        DeliveryStatusChanged sent = events.get(1);
        assertThat(sent.providerMessageId()).isEqualTo(email.getMessageID());
        assertThat(sent.attempt()).isEqualTo(1);
        assertThat(sent.channel()).isEqualTo(Channel.EMAIL);
        assertThat(sent.storeId()).isEqualTo(command.storeId());
        assertThat(sent.schemaVersion()).isEqualTo(DeliveryStatusChanged.SCHEMA_VERSION);
    }

    @Test
    void redeliveredCommandThatWasSentSendsNothing() {
        NotifyInvite command = notifyCommand().build();
        issue(command);
        awaitOutcome(command, DeliveryState.SENT);

        kafka.send(Topics.NOTIFY, command.inviteId(), command);

        await().atMost(PATIENCE)
                .until(() -> recorder.states(command).stream()
                                .filter(DeliveryState.SENT::equals)
                                .count()
                        == 2);
        assertThat(receivedAllBy(command.email())).hasSize(1);
        assertThat(recorder.states(command))
                .containsExactly(DeliveryState.SENDING, DeliveryState.SENT, DeliveryState.SENT);
    }

    @Test
    void commandForRevokedInviteSendsNothingAndIsSkipped() {
        NotifyInvite command = notifyCommand().build();
        mongo.insert(pendingInviteFor(command).append("status", "REVOKED"), "invites");

        kafka.send(Topics.NOTIFY, command.inviteId(), command);

        DeliveryStatusChanged skipped =
                awaitOutcome(command, DeliveryState.SKIPPED).get(0);
        assertThat(skipped.error()).isEqualTo("invite is REVOKED");
        assertThat(receivedAllBy(command.email())).isEmpty();
    }

    @Test
    void commandForDeletedInviteSendsNothingAndIsSkipped() {
        NotifyInvite command = notifyCommand().build();

        kafka.send(Topics.NOTIFY, command.inviteId(), command);

        assertThat(awaitOutcome(command, DeliveryState.SKIPPED).get(0).error()).isEqualTo("invite deleted");
        assertThat(receivedAllBy(command.email())).isEmpty();
    }

    @Test
    void commandForReplacedLinkSendsNothingAndIsSkipped() {
        NotifyInvite command = notifyCommand().build();
        mongo.insert(pendingInviteFor(command).append("link", new Document("id", InviteLinks.newLinkId())), "invites");

        kafka.send(Topics.NOTIFY, command.inviteId(), command);

        assertThat(awaitOutcome(command, DeliveryState.SKIPPED).get(0).error())
                .isEqualTo("link replaced by a newer one");
        assertThat(receivedAllBy(command.email())).isEmpty();
    }

    @Test
    void transientRefusalsAreRetriedThenSentOnce() {
        try (SmtpStub smtp = SmtpStub.refusing(451, 2)) {
            smtpOn(smtp.port());
            NotifyInvite command = notifyCommand().build();

            issue(command);

            List<DeliveryStatusChanged> events = awaitOutcome(command, DeliveryState.SENT);
            assertThat(events)
                    .extracting(DeliveryStatusChanged::state)
                    .containsExactly(
                            DeliveryState.SENDING,
                            DeliveryState.RETRYING,
                            DeliveryState.SENDING,
                            DeliveryState.RETRYING,
                            DeliveryState.SENDING,
                            DeliveryState.SENT);
            assertThat(events.get(1).error()).contains("451");
            assertThat(events.get(5).attempt()).isEqualTo(3);
            assertThat(smtp.messagesAccepted()).isEqualTo(1);
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void statusEventsAndRetriesContinueTheTraceOfTheCommandAndLogsCarryIdsButNoToken(CapturedOutput output) {
        try (SmtpStub smtp = SmtpStub.refusing(451, 1)) {
            smtpOn(smtp.port());
            NotifyInvite command = notifyCommand().build();
            String traceId = UUID.randomUUID().toString().replace("-", "");
            mongo.insert(pendingInviteFor(command), "invites");
            // as invite-api's outbox relay publishes: an unobserved producer, the writer's traceparent as a header
            ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.NOTIFY, command.inviteId(), command);
            record.headers()
                    .add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
            new KafkaTemplate<>(kafka.getProducerFactory()).send(record);

            List<DeliveryStatusChanged> events = awaitOutcome(command, DeliveryState.SENT);

            assertThat(events)
                    .extracting(DeliveryStatusChanged::state)
                    .containsExactly(
                            DeliveryState.SENDING, DeliveryState.RETRYING, DeliveryState.SENDING, DeliveryState.SENT);
            assertThat(events)
                    .extracting(event -> recorder.traceparents.get(event.eventId()))
                    .allSatisfy(traceparent -> assertThat(traceparent).startsWith("00-" + traceId + "-"));
            String token = new InviteLinks(LINK_SECRET.getBytes(StandardCharsets.UTF_8))
                    .token(command.inviteId(), command.linkId());
            assertThat(output.getAll()).doesNotContain(token);
            assertThat(output.getAll().lines().filter(line -> line.contains("Invitation email sent")))
                    .anySatisfy(line -> assertThat(line)
                            .contains(traceId)
                            .contains("invite=" + command.inviteId())
                            .contains("command=" + command.commandId()));
        }
    }

    @Test
    void mailboxUnavailableFailsAtOnceWithoutRetries() {
        try (SmtpStub smtp = SmtpStub.refusing(550, Integer.MAX_VALUE)) {
            smtpOn(smtp.port());
            NotifyInvite command = notifyCommand().build();
            double failedBefore = counter("failed");

            issue(command);

            List<DeliveryStatusChanged> events = awaitOutcome(command, DeliveryState.FAILED);
            assertThat(events)
                    .extracting(DeliveryStatusChanged::state)
                    .containsExactly(DeliveryState.SENDING, DeliveryState.FAILED);
            assertThat(events.get(1).error()).contains("550");
            ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(command.inviteId());
            assertThat(header(deadLetter, KafkaHeaders.EXCEPTION_MESSAGE)).contains("550");
            assertThat(smtp.recipientsSeen()).isEqualTo(1);
            assertThat(smtp.messagesAccepted()).isZero();
            await().atMost(PATIENCE).until(() -> counter("failed") == failedBefore + 1);
        }
    }

    @Test
    void invalidAddressFailsAtOnceWithoutRetries() {
        NotifyInvite command = notifyCommand().email("not an address").build();

        issue(command);

        List<DeliveryStatusChanged> events = awaitOutcome(command, DeliveryState.FAILED);
        assertThat(events)
                .extracting(DeliveryStatusChanged::state)
                .containsExactly(DeliveryState.SENDING, DeliveryState.FAILED);
        assertThat(events.get(1).error()).startsWith("invalid address");
    }

    @Test
    void smtpDownThroughoutEndsInDeadLetterTopicAndFailed() throws Exception {
        smtpOn(closedPort());
        NotifyInvite command = notifyCommand().build();

        issue(command);

        List<DeliveryStatusChanged> events = awaitOutcome(command, DeliveryState.FAILED);
        assertThat(events).filteredOn(e -> e.state() == DeliveryState.RETRYING).hasSize(3);
        DeliveryStatusChanged failed = events.get(events.size() - 1);
        assertThat(failed.attempt()).isEqualTo(4);
        assertThat(failed.error()).containsIgnoringCase("connect");
        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(command.inviteId());
        assertThat(header(deadLetter, KafkaHeaders.EXCEPTION_FQCN)).isNotBlank();
        assertThat(header(deadLetter, KafkaHeaders.ORIGINAL_TOPIC)).startsWith(Topics.NOTIFY);
    }

    @Test
    void poisonRecordGoesToDeadLetterTopicAsItsBytesAndTheNextInviteIsStillDelivered() {
        String poisonKey = "poison-" + Instant.now().toEpochMilli();
        byte[] poison = "{not json".getBytes(StandardCharsets.UTF_8);
        NotifyInvite unknownVersion = notifyCommand().schemaVersion(99).build();
        NotifyInvite next = notifyCommand().build();
        mongo.insert(pendingInviteFor(next), "invites");
        double poisonBefore = meters.counter("invites.notifier.poison").count();

        kafka.send(Topics.NOTIFY, poisonKey, poison);
        kafka.send(Topics.NOTIFY, unknownVersion.inviteId(), unknownVersion);
        kafka.send(Topics.NOTIFY, next.inviteId(), next);

        awaitOutcome(next, DeliveryState.SENT);
        assertThat(awaitDeadLetter(poisonKey).value()).isEqualTo(poison);
        assertThat(header(awaitDeadLetter(unknownVersion.inviteId()), KafkaHeaders.EXCEPTION_MESSAGE))
                .contains("schema version 99");
        assertThat(recorder.states(unknownVersion)).isEmpty();
        await().atMost(PATIENCE)
                .until(() -> meters.counter("invites.notifier.poison").count() >= poisonBefore + 2);
    }

    @Test
    void storeTemplateOverrideIsUsedAndDroppedWhenTheStoreChangesIt() throws Exception {
        NotifyInvite first = notifyCommand().build();
        saveOverride(
                first.storeId(),
                "Join ${storeName} now",
                "<p>Custom ${personalNote} <a href=\"${acceptUrl}\">go</a></p>");
        issue(first);
        awaitOutcome(first, DeliveryState.SENT);
        assertThat(receivedBy(first.email()).getSubject()).isEqualTo("Join Corner Shop now");

        saveOverride(first.storeId(), "Second version for ${inviteeEmail}", "<p>v2</p>");
        kafka.send(
                Topics.TEMPLATE_CHANGES,
                first.storeId(),
                new TemplateChanged(1, first.storeId(), Channel.EMAIL, "en", Instant.now()));

        await().atMost(PATIENCE).untilAsserted(() -> {
            NotifyInvite probe = sameStore(notifyCommand().build(), first.storeId());
            issue(probe);
            awaitOutcome(probe, DeliveryState.SENT);
            assertThat(receivedBy(probe.email()).getSubject()).startsWith("Second version for");
        });
    }

    @Test
    void unsafeStoreTemplateIsRefusedAndTheDefaultIsSent() throws Exception {
        NotifyInvite command = notifyCommand().build();
        saveOverride(
                command.storeId(),
                "Owned ${\"freemarker.template.utility.Execute\"?new()(\"id\")}",
                "<p>${\"freemarker.template.utility.Execute\"?new()(\"id\")}</p>");

        issue(command);

        awaitOutcome(command, DeliveryState.SENT);
        MimeMessage email = receivedBy(command.email());
        assertThat(email.getSubject()).isEqualTo("Ann Owner invited you to manage Corner Shop");
        MimeMultipart parts = (MimeMultipart) email.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            assertThat((String) part.getContent()).doesNotContain("uid=");
        }
    }

    @Test
    void prometheusEndpointExposesDeliveryCountersWithoutStoreOrAddress() throws Exception {
        NotifyInvite command = notifyCommand().build();
        issue(command);
        awaitOutcome(command, DeliveryState.SENT);

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + managementPort + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("invites_notifier_deliveries_total{channel=\"EMAIL\",outcome=\"sent\"}")
                .contains("invites_delivery_latency_seconds_bucket{channel=\"EMAIL\"")
                .contains("kafka_consumer_fetch_manager_records_lag")
                .doesNotContain(command.storeId())
                .doesNotContain(command.email());
    }

    @Test
    void healthShowsEachComponentsStatusButNeverDetailsAndOnlyHealthInfoAndPrometheusAreExposed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/health/readiness"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/metrics"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.body())
                .contains("\"mongo\"", "\"mail\"", "\"sms\"", "\"indexes\"")
                .doesNotContain("details");
        assertThat(metrics.statusCode()).isEqualTo(404);
    }

    private void issue(NotifyInvite command) {
        mongo.insert(pendingInviteFor(command), "invites");
        kafka.send(Topics.NOTIFY, command.inviteId(), command);
    }

    private void saveOverride(String storeId, String subject, String html) {
        String id = storeId + ":EMAIL:en";
        mongo.remove(
                new org.springframework.data.mongodb.core.query.Query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id")
                                .is(id)),
                "templates");
        mongo.insert(
                new Document("_id", id)
                        .append("storeId", storeId)
                        .append("channel", "EMAIL")
                        .append("locale", "en")
                        .append("subject", subject)
                        .append("html", html)
                        .append("text", "Accept: ${acceptUrl}")
                        .append("updatedAt", Instant.now()),
                "templates");
    }

    private static NotifyInvite sameStore(NotifyInvite c, String storeId) {
        return new NotifyInvite(
                c.schemaVersion(),
                c.commandId(),
                c.inviteId(),
                storeId,
                c.reason(),
                c.channels(),
                c.email(),
                c.phone(),
                c.role(),
                c.locale(),
                c.storeDefaultLocale(),
                c.invitedBy(),
                c.store(),
                c.linkId(),
                c.expiresAt(),
                c.personalNote(),
                c.issuedAt());
    }

    private List<DeliveryStatusChanged> awaitOutcome(NotifyInvite command, DeliveryState outcome) {
        await().atMost(PATIENCE).until(() -> recorder.states(command).contains(outcome));
        return recorder.events(command);
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        await().atMost(PATIENCE).until(() -> recorder.deadLetters.stream().anyMatch(r -> key.equals(r.key())));
        return recorder.deadLetters.stream()
                .filter(r -> key.equals(r.key()))
                .findFirst()
                .orElseThrow();
    }

    private MimeMessage receivedBy(String address) {
        await().atMost(PATIENCE).until(() -> !receivedAllBy(address).isEmpty());
        return receivedAllBy(address).get(0);
    }

    private static List<MimeMessage> receivedAllBy(String address) {
        return Arrays.stream(GREEN_MAIL.getReceivedMessages())
                .filter(m -> {
                    try {
                        return InternetAddress.toString(m.getAllRecipients()).contains(address);
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toList();
    }

    private void smtpOn(int port) {
        mailSender.setPort(port);
        smtpConnections.closeAll();
    }

    private double counter(String outcome) {
        return meters.counter("invites.notifier.deliveries", "channel", "EMAIL", "outcome", outcome)
                .count();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @TestConfiguration
    static class Recorder {

        final Queue<DeliveryStatusChanged> statuses = new ConcurrentLinkedQueue<>();
        final Queue<ConsumerRecord<String, byte[]>> deadLetters = new ConcurrentLinkedQueue<>();

        final Map<String, String> traceparents = new ConcurrentHashMap<>();

        @KafkaListener(
                topics = Topics.DELIVERY_STATUS,
                groupId = "test-delivery-status",
                properties = "spring.json.value.default.type=com.boxncase.invites.contracts.DeliveryStatusChanged")
        void onStatus(ConsumerRecord<String, DeliveryStatusChanged> record) {
            String traceparent = header(record, "traceparent");
            if (traceparent != null) {
                traceparents.put(record.value().eventId(), traceparent);
            }
            statuses.add(record.value());
        }

        @KafkaListener(
                topics = Topics.NOTIFY_DLT,
                groupId = "test-dead-letters",
                properties = "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
        void onDeadLetter(ConsumerRecord<String, byte[]> record) {
            deadLetters.add(record);
        }

        List<DeliveryStatusChanged> events(NotifyInvite command) {
            return statuses.stream()
                    .filter(e -> command.commandId().equals(e.commandId()))
                    .toList();
        }

        List<DeliveryState> states(NotifyInvite command) {
            return events(command).stream().map(DeliveryStatusChanged::state).toList();
        }
    }
}
