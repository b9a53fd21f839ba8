package com.boxncase.invites.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

/**
 * invite-api and notifier-worker together: an invite created over HTTP travels through the outbox, Kafka, the
 * notifier and SMTP, and its delivery status comes back into the Pending Invites table.
 */
class InviteDeliveryEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Pattern LINK_TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_\\-]+)");

    private static Pipeline pipeline;
    private static InviteApiClient api;

    private final String storeId = "store-" + UUID.randomUUID();
    private final String email = "invitee-" + UUID.randomUUID() + "@example.test";

    @BeforeAll
    static void startPipeline() throws IOException {
        pipeline = Pipeline.start();
        api = pipeline.api();
    }

    @AfterAll
    static void stopPipeline() throws IOException {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @BeforeEach
    void smtpUp() {
        pipeline.smtp().up();
    }

    @Test
    void invitedAdminReceivesOneEmailAndThePendingTableShowsSent() throws Exception {
        String inviteId = api.invite(storeId, email).path("id").asString();

        awaitDeliveryState(inviteId, "SENT");

        List<MimeMessage> received = emailsTo(email);
        assertThat(received).hasSize(1);
        MimeMessage invitation = received.get(0);
        assertThat(invitation.getHeader("X-Invite-Id")).containsExactly(inviteId);
        InviteApiClient.Response accept = api.accept(linkToken(invitation));
        assertThat(accept.status()).as(accept.body()).isEqualTo(200);
        assertThat(accept.json().path("email").asString()).isEqualTo(email);
        JsonNode row = api.row(storeId, inviteId, "PENDING").orElseThrow();
        assertThat(row.path("delivery").path("state").asString()).isEqualTo("SENT");
        assertThat(row.path("sendCount").asInt()).isEqualTo(1);
    }

    @Test
    void failedInviteIsDeadLetteredThenReplayedOnceAfterSmtpRecovers() throws Exception {
        pipeline.smtp().down();
        String inviteId = api.invite(storeId, email).path("id").asString();

        awaitDeliveryState(inviteId, "FAILED");
        JsonNode failed = api.row(storeId, inviteId, "PENDING").orElseThrow();
        assertThat(failed.path("delivery").path("lastError").asString()).contains("421");
        List<JsonNode> deadLetters = api.deadLettersOf(inviteId);
        assertThat(deadLetters).hasSize(1);
        JsonNode deadLetter = deadLetters.get(0);
        assertThat(deadLetter.path("exceptionMessage").asString()).contains("421");
        assertThat(deadLetter.path("replayable").asBoolean()).isTrue();

        pipeline.smtp().up();
        InviteApiClient.Response first = api.replay(deadLetter.path("id").asString());
        InviteApiClient.Response second = api.replay(deadLetter.path("id").asString());

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(first.json().path("outcome").asString()).isEqualTo("REPLAYED");
        assertThat(second.status()).as(second.body()).isEqualTo(202);
        assertThat(second.json().path("outcome").asString()).isEqualTo("ALREADY_REPLAYED");
        awaitDeliveryState(inviteId, "SENT");
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> emailsTo(email).size() == 1);
        JsonNode sent = api.row(storeId, inviteId, "PENDING").orElseThrow();
        assertThat(sent.path("sendCount").asInt()).isEqualTo(1);
    }

    @Test
    void deliveryLogsCarryTheIdsAndNeverTheToken() throws Exception {
        pipeline.smtp().refuseNext(1); // one failed attempt, then the retry sends: both paths log
        String inviteId;
        List<CapturedLogs.Line> lines;
        try (CapturedLogs logs = CapturedLogs.capture()) {
            inviteId = api.invite(storeId, email).path("id").asString();
            awaitDeliveryState(inviteId, "SENT");
            lines = logs.lines();
        }

        MimeMessage invitation = emailsTo(email).get(0);
        String token = linkToken(invitation);
        String commandId = invitation.getHeader("X-Command-Id")[0];
        List<CapturedLogs.Line> delivery = lines.stream()
                .filter(line -> line.logger().startsWith("com.boxncase.invites.notifier"))
                .filter(line -> inviteId.equals(line.mdc("inviteId"))
                        || line.event().getFormattedMessage().contains(inviteId))
                .toList();
        assertThat(delivery)
                .extracting(line -> line.event().getFormattedMessage())
                .anyMatch(message -> message.startsWith("EMAIL attempt 1 failed, next attempt at"))
                .anyMatch(message -> message.startsWith("EMAIL sent on attempt 2"));
        assertThat(delivery).allSatisfy(line -> {
            assertThat(line.mdc("inviteId")).isEqualTo(inviteId);
            assertThat(line.mdc("commandId")).isEqualTo(commandId);
            assertThat(line.rendered()).contains("invite=" + inviteId, "command=" + commandId);
        });
        assertThat(lines.stream().flatMap(line -> line.texts().stream()))
                .isNotEmpty()
                .noneMatch(text -> text != null && (text.contains(token) || text.contains("token=")));
    }

    @Test
    void deletedInviteGetsNoEmail() {
        KafkaListenerEndpointRegistry listeners = pipeline.notifier().getBean(KafkaListenerEndpointRegistry.class);
        MessageListenerContainer notify = listeners.getListenerContainer("notify");
        notify.stop();
        String inviteId;
        try {
            inviteId = api.invite(storeId, email).path("id").asString();
            api.delete(storeId, inviteId);
        } finally {
            notify.start();
        }

        await().atMost(PATIENCE).until(() -> "SKIPPED".equals(api.deliveryState(storeId, inviteId)));
        JsonNode row = api.row(storeId, inviteId, "REVOKED").orElseThrow();
        assertThat(row.path("sendCount").asInt()).isZero();
        assertThat(emailsTo(email)).isEmpty();
    }

    @Test
    void aBulkRequestDeliversExactlyItsValidRowsOnceEach() {
        List<String> valid = new ArrayList<>();
        StringBuilder rows = new StringBuilder("{\"invites\": [");
        for (int i = 0; i < 20; i++) {
            String address = "bulk-" + i + "-" + UUID.randomUUID() + "@example.test";
            valid.add(address);
            rows.append("{\"email\": \"").append(address).append("\", \"role\": \"STAFF\"},");
        }
        String refused = "refused-" + UUID.randomUUID() + "@example.test";
        rows.append("{\"email\": \"").append(refused).append("\", \"role\": \"NOT-A-ROLE\"},");
        rows.append("{\"email\": \"").append(valid.get(0).toUpperCase()).append("\", \"role\": \"STAFF\"}]}");

        JsonNode answer = api.bulk(storeId, rows.toString());

        assertThat(answer.path("created").asInt()).isEqualTo(20);
        assertThat(answer.path("failed").asInt()).isEqualTo(2);
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        valid.stream().allMatch(address -> emailsTo(address).size() == 1));
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).untilAsserted(() -> {
            valid.forEach(address -> assertThat(emailsTo(address)).hasSize(1));
            assertThat(emailsTo(refused)).isEmpty();
        });
    }

    private void awaitDeliveryState(String inviteId, String state) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(
                        () -> assertThat(api.deliveryState(storeId, inviteId)).isEqualTo(state));
    }

    private static List<MimeMessage> emailsTo(String recipient) {
        return Arrays.stream(pipeline.mail().getReceivedMessages())
                .filter(message -> isFor(message, recipient))
                .toList();
    }

    private static boolean isFor(MimeMessage message, String recipient) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null
                    && Arrays.stream(to).anyMatch(address -> address.toString().contains(recipient));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The link token in the email's plain-text part. */
    private static String linkToken(MimeMessage email) throws MessagingException, IOException {
        String text = plainText(email.getContent());
        Matcher link = LINK_TOKEN.matcher(text);
        assertThat(link.find()).as("a link with a token in:%n%s", text).isTrue();
        return link.group(1);
    }

    private static String plainText(Object content) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return (String) part.getContent();
                }
            }
            throw new AssertionError("no text/plain part");
        }
        return (String) content;
    }
}
