package com.boxncase.invites.notifier;

import static com.boxncase.invites.notifier.support.InviteFixtures.pendingInvite;
import static com.boxncase.invites.notifier.support.KafkaRecorder.PATIENCE;
import static com.boxncase.invites.notifier.support.KafkaRecorder.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.DeliveryStatusChanged;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.SmsStatusCallback;
import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.document.InviteStatus;
import com.boxncase.invites.localstack.EmbeddedMongo;
import com.boxncase.invites.localstack.ReceivedText;
import com.boxncase.invites.localstack.TwilioServer;
import com.boxncase.invites.notifier.support.InviteFixtures.Invite;
import com.boxncase.invites.notifier.support.KafkaRecorder;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** SMS delivery through the Twilio SDK against local-stack's Twilio-compatible server. */
@ActiveProfiles("local")
@SpringBootTest(
        properties = {
            "invites.notifier.concurrency=1",
            "invites.notifier.retry.attempts=4",
            "invites.notifier.retry.initial-delay=100ms",
            "invites.notifier.retry.multiplier=2",
            "invites.notifier.retry.max-delay=400ms",
            "invites.notifier.email.unavailable-cooldown=50ms",
            "spring.kafka.listener.poll-timeout=100ms",
            "invites.sms.twilio.account-sid=" + TwilioServer.LOCAL_ACCOUNT_SID,
            "invites.sms.twilio.auth-token=" + TwilioServer.LOCAL_AUTH_TOKEN,
            "invites.sms.twilio.from-number=" + TwilioServer.LOCAL_FROM_NUMBER,
            "invites.sms.twilio.status-callback-url=" + SmsDeliveryTest.CALLBACK_URL
        })
@EmbeddedKafka(
        partitions = 1,
        topics = {Topics.NOTIFY, Topics.DELIVERY_STATUS, Topics.TEMPLATE_CHANGES},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(KafkaRecorder.class)
class SmsDeliveryTest {

    static final String CALLBACK_URL = "https://invites.example.test/webhooks/twilio/status";
    private static final String PHONE = "+4915112345678";
    private static final TwilioServer TWILIO =
            TwilioServer.start("127.0.0.1", 0, TwilioServer.LOCAL_ACCOUNT_SID, TwilioServer.LOCAL_AUTH_TOKEN, false);
    private static final GreenMail GREEN_MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    KafkaRecorder recorder;

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
    void smsGoesToTheInvitesPhoneWithAStatusCallbackUrlCarryingTheIds() {
        Invite invite = pendingInvite().phone(PHONE).channels(Channel.SMS).insertInto(mongo);
        long segmentsBefore = meters.summary("invites.sms.segments").count();

        send(invite.command());

        List<DeliveryStatusChanged> events = recorder.awaitOutcome(invite.command(), Channel.SMS, DeliveryState.SENT);
        ReceivedText text = textsFor(invite).get(0);
        assertThat(text.to()).isEqualTo(PHONE);
        assertThat(text.body())
                .startsWith("Ann Owner invited you to manage Corner Shop as Manager.")
                .endsWith(invite.acceptUrl());
        assertThat(text.from()).isEqualTo(TwilioServer.LOCAL_FROM_NUMBER);
        URI callback = URI.create(text.statusCallback());
        assertThat(text.statusCallback()).startsWith(CALLBACK_URL + "?");
        assertThat(SmsStatusCallback.fromQuery(callback.getRawQuery()))
                .isEqualTo(new SmsStatusCallback(
                        invite.id(),
                        invite.command().storeId(),
                        invite.command().commandId(),
                        1));
        assertThat(events).extracting(DeliveryStatusChanged::state).containsExactly(DeliveryState.SENT);
        assertThat(events.get(0).providerMessageId()).isEqualTo(text.sid()).startsWith("SM");
        assertThat(meters.summary("invites.sms.segments").count()).isEqualTo(segmentsBefore + 1);
        assertThat(receivedBy(invite.email())).isZero();
    }

    /** The SDK's HTTP client repeats a 429 once by itself, so two answers make one failed attempt. */
    @Test
    void tooManyRequestsIsRetriedThenSentOnceAndTheCallbackNamesTheAttempt() {
        TWILIO.failNext(429, 20429, 4);
        Invite invite = pendingInvite().phone(PHONE).channels(Channel.SMS).insertInto(mongo);

        send(invite.command());

        List<DeliveryStatusChanged> events = recorder.awaitOutcome(invite.command(), Channel.SMS, DeliveryState.SENT);
        assertThat(events)
                .extracting(DeliveryStatusChanged::state)
                .containsExactly(DeliveryState.RETRYING, DeliveryState.RETRYING, DeliveryState.SENT);
        assertThat(events.get(0).error()).contains("20429");
        assertThat(textsFor(invite))
                .singleElement()
                .satisfies(text -> assertThat(SmsStatusCallback.fromQuery(
                                        URI.create(text.statusCallback()).getRawQuery())
                                .attempt())
                        .isEqualTo(3));
    }

    @Test
    void invalidNumberFailsAtOnceWithTwilioErrorCode() {
        Invite invite =
                pendingInvite().phone("+15005550001").channels(Channel.SMS).insertInto(mongo);

        send(invite.command());

        List<DeliveryStatusChanged> events = recorder.awaitOutcome(invite.command(), Channel.SMS, DeliveryState.FAILED);
        assertThat(events).extracting(DeliveryStatusChanged::state).containsExactly(DeliveryState.FAILED);
        assertThat(events.get(0).error()).contains("Twilio 21211");
        assertThat(textsFor(invite)).isEmpty();
    }

    @Test
    void whenSmsFailsTransientlyOnlySmsIsRetriedAndTheEmailGoesOutOnce() {
        TWILIO.failNext(429, 20429, 2);
        Invite invite = pendingInvite()
                .phone(PHONE)
                .channels(Channel.EMAIL, Channel.SMS)
                .insertInto(mongo);

        send(invite.command());

        recorder.awaitOutcome(invite.command(), Channel.SMS, DeliveryState.SENT);
        assertThat(recorder.states(invite.command(), Channel.EMAIL)).containsExactly(DeliveryState.SENT);
        assertThat(recorder.states(invite.command(), Channel.SMS))
                .containsExactly(DeliveryState.RETRYING, DeliveryState.SENT);
        await().atMost(PATIENCE).until(() -> !recorder.retriesOf(invite.id()).isEmpty());
        ConsumerRecord<String, byte[]> retry = recorder.retriesOf(invite.id()).get(0);
        assertThat(utf8(retry.value())).contains("\"channels\":[\"SMS\"]");
        assertThat(receivedBy(invite.email())).isEqualTo(1);
        assertThat(textsFor(invite)).hasSize(1);
    }

    @Test
    void inviteWithoutPhoneGetsNoSmsEvenWhenTheCommandAsksForOne() {
        Invite invite = pendingInvite().channels(Channel.EMAIL, Channel.SMS).insertInto(mongo);
        NotifyInvite asksForSms = NotifyInvite.of(
                invite.command().commandId(),
                invite.id(),
                invite.command().storeId(),
                invite.command().reason(),
                List.of(Channel.EMAIL, Channel.SMS),
                invite.command().linkId(),
                invite.command().issuedAt());

        send(asksForSms);

        recorder.awaitOutcome(asksForSms, Channel.EMAIL, DeliveryState.SENT);
        assertThat(recorder.awaitOutcome(asksForSms, Channel.SMS, DeliveryState.SKIPPED)
                        .get(0)
                        .error())
                .isEqualTo("the invite is not sent by SMS");
        assertThat(TWILIO.texts()).noneMatch(text -> text.body().contains(invite.acceptUrl()));
    }

    @Test
    void commandForRevokedInviteSendsNoSms() {
        Invite invite = pendingInvite()
                .phone(PHONE)
                .channels(Channel.SMS)
                .status(InviteStatus.REVOKED)
                .insertInto(mongo);

        send(invite.command());

        assertThat(recorder.awaitOutcome(invite.command(), Channel.SMS, DeliveryState.SKIPPED)
                        .get(0)
                        .error())
                .isEqualTo("invite is REVOKED");
        assertThat(textsFor(invite)).isEmpty();
    }

    private void send(NotifyInvite command) {
        kafka.send(Topics.NOTIFY, command.inviteId(), command);
    }

    /** The texts that carry this invite's link. */
    private List<ReceivedText> textsFor(Invite invite) {
        return TWILIO.texts().stream()
                .filter(t -> t.body().contains(invite.acceptUrl()))
                .toList();
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
}
