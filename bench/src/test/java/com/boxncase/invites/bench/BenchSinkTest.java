package com.boxncase.invites.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class BenchSinkTest {

    @Test
    void theSinkAnswersDataAfterTheProviderDelayAndRecordsEachInviteOnce() throws Exception {
        InviteMail mail = new InviteMail();
        Map<String, Long> told = new ConcurrentHashMap<>();
        try (BenchSink sink = BenchSink.start(0)) {
            sink.delayData(Duration.ofMillis(150));
            sink.listen(told::put);
            Session session = InviteMail.session(sink.port());
            MimeMessage message = InviteMail.compose(session, mail.render("a@example.com"), "a@example.com", "test");
            message.setHeader("X-Invite-Id", "invite-1");

            long start = System.nanoTime();
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                transport.sendMessage(message, message.getAllRecipients());
                transport.sendMessage(message, message.getAllRecipients()); // a redelivery
            }
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(tookMillis).as("two DATA answers, each 150 ms late").isGreaterThanOrEqualTo(300);
            assertThat(sink.deliveredAt()).containsOnlyKeys("invite-1");
            assertThat(sink.duplicates()).isEqualTo(1);
            assertThat(told).containsOnlyKeys("invite-1");
        }
    }
}
