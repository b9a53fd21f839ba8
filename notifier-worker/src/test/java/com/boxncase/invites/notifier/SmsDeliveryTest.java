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
import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.localstack.EmbeddedMongo;
import com.boxncase.invites.localstack.ReceivedText;
import com.boxncase.invites.localstack.TwilioServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** SMS delivery through the Twilio SDK against local-stack's Twilio-compatible server. */
@ActiveProfiles("local")
@SpringBootTest(
        properties = {
            "invites.notifier.retry.attempts=4",
            "invites.notifier.retry.initial-delay=100ms",
            "invites.notifier.retry.multiplier=2",
            "invites.notifier.retry.max-delay=400ms",
            "spring.kafka.listener.poll-timeout=200ms",
            "invites.sms.twilio.account-sid=" + TwilioServer.LOCAL_ACCOUNT_SID,
            "invites.sms.twilio.auth-token=" + TwilioServer.LOCAL_AUTH_TOKEN,
            "invites.sms.twilio.from-number=" + TwilioServer.LOCAL_FROM_NUMBER,
            "invites.sms.twilio.status-callback-url=" + SmsDeliveryTest.CALLBACK_URL
        })
@EmbeddedKafka(
        partitions = 1,
        topics = {Topics.NOTIFY, Topics.NOTIFY_DLT, Topics.DELIVERY_STATUS, Topics.TEMPLATE_CHANGES},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class SmsDeliveryTest {

    static final String CALLBACK_URL = "https://invites.example.test/webhooks/twilio/status";
    private static final String LINK_SECRET = "local-dev-link-secret-change-me-0123456789";
    private static final String PHONE = "+4915112345678";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final TwilioServer TWILIO =
            TwilioServer.start("127.0.0.1", 0, TwilioServer.LOCAL_ACCOUNT_SID, TwilioServer.LOCAL_AUTH_TOKEN, false);
    private static final GreenMail GREEN_MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Recorder recorder;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        if (!GREEN_MAIL.isRunning()) {
            GREEN_MAIL.start();
        }
        registry.add("spring.mongodb.uri", () -> EmbeddedMongo.shared().connectionString());
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> GREEN_MAIL.getSmtp().getPort());
        registry.add("invites.sms.twilio.base-url", TWILIO::baseUrl);
    }

    @BeforeEach
    void noQueuedFailures() {
        TWILIO.clear();
    }

    @Test
    void smsInviteReachesTwilioWithToBodyAndStatusCallbackAndRecordsTheMessageSid() {
        NotifyInvite command =
                notifyCommand().channels(Channel.SMS).phone(PHONE).build();
        long segmentsBefore = meters.summary("invites.sms.segments").count();

        issue(command);

        List<DeliveryStatusChanged> events = awaitOutcome(command, Channel.SMS, DeliveryState.SENT);
        ReceivedText text = textTo(PHONE, command);
        String acceptUrl = new InviteLinks(LINK_SECRET.getBytes(StandardCharsets.UTF_8))
                .url(ACCEPT_URL_BASE, command.inviteId(), command.linkId());
        assertThat(text.body())
                .startsWith("Ann Owner invited you to manage Corner Shop as Administrator.")
                .endsWith(acceptUrl);
        assertThat(text.from()).isEqualTo(TwilioServer.LOCAL_FROM_NUMBER);
        assertThat(text.statusCallback()).isEqualTo(CALLBACK_URL);
        assertThat(events)
                .extracting(DeliveryStatusChanged::state)
                .containsExactly(DeliveryState.SENDING, DeliveryState.SENT);
        assertThat(events).allSatisfy(e -> assertThat(e.channel()).isEqualTo(Channel.SMS));
        assertThat(events.get(1).providerMessageId()).isEqualTo(text.sid()).startsWith("SM");
        assertThat(meters.summary("invites.sms.segments").count()).isEqualTo(segmentsBefore + 1);
        assertThat(receivedBy(command.email())).isZero();
    }

    /** The SDK's HTTP client repeats a 429 once by itself, so two answers make one failed attempt. */
    @Test
    void tooManyRequestsIsRetriedThenSentOnce() {
        TWILIO.failNext(429, 20429, 4);
        NotifyInvite command =
                notifyCommand().channels(Channel.SMS).phone(PHONE).build();

        issue(command);

        List<DeliveryStatusChanged> events = awaitOutcome(command, Channel.SMS, DeliveryState.SENT);
        assertThat(events)
                .extracting(DeliveryStatusChanged::state)
                .containsExactly(
                        DeliveryState.SENDING,
                        DeliveryState.RETRYING,
                        DeliveryState.SENDING,
                        DeliveryState.RETRYING,
                        DeliveryState.SENDING,
                        DeliveryState.SENT);
        assertThat(events.get(1).error()).contains("20429");
        assertThat(textsFor(command)).hasSize(1);
    }

    @Test
    void invalidNumberFailsAtOnceWithTwilioErrorCode() {
        NotifyInvite command =
                notifyCommand().channels(Channel.SMS).phone("+15005550001").build();

        issue(command);

        List<DeliveryStatusChanged> events = awaitOutcome(command, Channel.SMS, DeliveryState.FAILED);
        assertThat(events)
                .extracting(DeliveryStatusChanged::state)
                .containsExactly(DeliveryState.SENDING, DeliveryState.FAILED);
        assertThat(events.get(1).error()).contains("Twilio 21211");
        assertThat(TWILIO.texts()).isEmpty();
    }

    @Test
    void storeWithBothChannelsSendsBothAndReportsEach() {
        NotifyInvite command = notifyCommand()
                .channels(Channel.EMAIL, Channel.SMS)
                .phone(PHONE)
                .build();

        issue(command);

        awaitOutcome(command, Channel.EMAIL, DeliveryState.SENT);
        awaitOutcome(command, Channel.SMS, DeliveryState.SENT);
        assertThat(receivedBy(command.email())).isEqualTo(1);
        assertThat(textsFor(command)).hasSize(1);
    }

    @Test
    void whenSmsFailsTransientlyTheRetrySendsOnlySmsAndTheEmailGoesOutOnce() {
        TWILIO.failNext(429, 20429, 2);
        NotifyInvite command = notifyCommand()
                .channels(Channel.EMAIL, Channel.SMS)
                .phone(PHONE)
                .build();

        issue(command);

        awaitOutcome(command, Channel.SMS, DeliveryState.SENT);
        // The retry finds EMAIL done in the ledger: it sends nothing and repeats SENT, which the projection ignores.
        assertThat(recorder.states(command, Channel.EMAIL))
                .startsWith(DeliveryState.SENDING, DeliveryState.SENT)
                .containsOnly(DeliveryState.SENDING, DeliveryState.SENT)
                .containsOnlyOnce(DeliveryState.SENDING);
        assertThat(recorder.states(command, Channel.SMS)).contains(DeliveryState.RETRYING);
        assertThat(receivedBy(command.email())).isEqualTo(1);
        assertThat(textsFor(command)).hasSize(1);
    }

    @Test
    void commandForRevokedInviteSendsNoSms() {
        NotifyInvite command =
                notifyCommand().channels(Channel.SMS).phone(PHONE).build();
        mongo.insert(pendingInviteFor(command).append("status", "REVOKED"), "invites");

        kafka.send(Topics.NOTIFY, command.inviteId(), command);

        assertThat(awaitOutcome(command, Channel.SMS, DeliveryState.SKIPPED)
                        .get(0)
                        .error())
                .isEqualTo("invite is REVOKED");
        assertThat(textsFor(command)).isEmpty();
    }

    private void issue(NotifyInvite command) {
        mongo.insert(pendingInviteFor(command), "invites");
        kafka.send(Topics.NOTIFY, command.inviteId(), command);
    }

    private List<DeliveryStatusChanged> awaitOutcome(NotifyInvite command, Channel channel, DeliveryState outcome) {
        await().atMost(PATIENCE).until(() -> recorder.states(command, channel).contains(outcome));
        return recorder.events(command, channel);
    }

    private ReceivedText textTo(String phone, NotifyInvite command) {
        return textsFor(command).stream()
                .filter(t -> phone.equals(t.to()))
                .findFirst()
                .orElseThrow();
    }

    /** The texts that carry this command's link (each command has its own invite id in the link). */
    private List<ReceivedText> textsFor(NotifyInvite command) {
        String acceptUrl = new InviteLinks(LINK_SECRET.getBytes(StandardCharsets.UTF_8))
                .url(ACCEPT_URL_BASE, command.inviteId(), command.linkId());
        return TWILIO.texts().stream().filter(t -> t.body().contains(acceptUrl)).toList();
    }

    private static long receivedBy(String address) {
        return Arrays.stream(GREEN_MAIL.getReceivedMessages())
                .filter(m -> {
                    try {
                        return InternetAddress.toString(m.getAllRecipients()).contains(address);
                    } catch (Exception e) {
                        return false;
                    }
                })
                .count();
    }

    @TestConfiguration
    static class Recorder {

        final Queue<DeliveryStatusChanged> statuses = new ConcurrentLinkedQueue<>();

        @KafkaListener(
                topics = Topics.DELIVERY_STATUS,
                groupId = "test-sms-delivery-status",
                properties = "spring.json.value.default.type=com.boxncase.invites.contracts.DeliveryStatusChanged")
        void onStatus(DeliveryStatusChanged event) {
            statuses.add(event);
        }

        List<DeliveryStatusChanged> events(NotifyInvite command, Channel channel) {
            return statuses.stream()
                    .filter(e -> command.commandId().equals(e.commandId()) && e.channel() == channel)
                    .toList();
        }

        List<DeliveryState> states(NotifyInvite command, Channel channel) {
            return events(command, channel).stream()
                    .map(DeliveryStatusChanged::state)
                    .toList();
        }
    }
}
