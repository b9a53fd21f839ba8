package com.boxncase.invites.expiry.reminder;

import static com.boxncase.invites.expiry.InviteFixtures.pendingInvite;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.InviteEvent;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.expiry.ExpiryProperties;
import com.boxncase.invites.expiry.KafkaTopic;
import com.boxncase.invites.expiry.WorkerTest;
import com.boxncase.invites.outbox.Outbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ReminderJobTest extends WorkerTest {

    @Autowired
    ReminderJob reminders;

    @Autowired
    Outbox outbox;

    @Autowired
    ExpiryProperties properties;

    @Test
    void aReminderIsQueuedOnceAtTheLeadTime() {
        Document invite = insert(pendingInvite(START).channels("EMAIL", "SMS"));
        Instant expiresAt = START.plus(Duration.ofDays(7));

        clock.set(expiresAt.minus(Duration.ofHours(25)));
        assertThat(reminders.run()).isZero();

        clock.set(expiresAt.minus(Duration.ofHours(24)));
        assertThat(reminders.run()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(reminders.run()).isZero();

        Document after = invite(id(invite));
        assertThat(after.getDate("reminderFor")).isEqualTo(Date.from(expiresAt));
        String commandId = after.getString("reminderCommandId");
        assertThat(commandId).isNotEqualTo(invite.getString("commandId"));
        assertThat(after.getString("commandId"))
                .as("the invitation's own delivery stays as it was")
                .isEqualTo(invite.getString("commandId"));
        Document email = after.get("reminderDeliveries", Document.class).get("EMAIL", Document.class);
        assertThat(email.getString("state")).isEqualTo("QUEUED");
        assertThat(email.getString("commandId")).isEqualTo(commandId);
        assertThat(email.get("attempts")).isEqualTo(0);
        assertThat(after.get("reminderDeliveries", Document.class).get("SMS", Document.class))
                .containsEntry("state", "QUEUED");

        awaitOutboxPublished();
        List<ConsumerRecord<String, String>> commands = KafkaTopic.recordsWithKey(kafka, Topics.NOTIFY, id(invite));
        assertThat(commands).hasSize(1);
        NotifyInvite command = payload(commands.get(0).value(), NotifyInvite.class);
        assertThat(command.reason()).isEqualTo(NotifyReason.REMINDER);
        assertThat(command.commandId()).isEqualTo(commandId);
        assertThat(command.channels()).containsExactly(Channel.EMAIL, Channel.SMS);
        assertThat(command.storeId()).isEqualTo(invite.getString("storeId"));
        assertThat(command.linkId()).isEqualTo("link-" + id(invite));
        assertThat(commands.get(0).value())
                .as("ids only: the notifier reads the recipient from the invite")
                .doesNotContain(invite.getString("email"));

        List<ConsumerRecord<String, String>> events = KafkaTopic.recordsWithKey(kafka, Topics.EVENTS, id(invite));
        assertThat(events).hasSize(1);
        InviteEvent event = payload(events.get(0).value(), InviteEvent.class);
        assertThat(event.type()).isEqualTo(InviteEvent.Type.REMINDER_QUEUED);
        assertThat(event.details()).containsEntry("commandId", commandId);
    }

    @Test
    void noReminderForAnInviteCreatedWithLessTimeLeftThanTheLead() {
        insert(pendingInvite(START).expiresAt(START.plus(Duration.ofHours(12))).ttlDays(1));

        clock.advance(Duration.ofHours(1));
        assertThat(reminders.run()).isZero();
        clock.advance(Duration.ofHours(10));
        assertThat(reminders.run()).isZero();
    }

    @Test
    void aNewExpiryPeriodGetsANewReminder() {
        Instant firstPeriod = START.minus(Duration.ofDays(5));
        Instant secondPeriod = START.plus(Duration.ofHours(20));
        Document resent = insert(pendingInvite(START.minus(Duration.ofDays(12)))
                .expiresAt(secondPeriod)
                .reminderFor(firstPeriod));

        assertThat(reminders.run()).isEqualTo(1);
        assertThat(invite(id(resent)).getDate("reminderFor")).isEqualTo(Date.from(secondPeriod));
        assertThat(reminders.run()).isZero();
    }

    @Test
    void aStoreWithRemindersSwitchedOffGetsNone() {
        Document invite = insert(pendingInvite(START.minus(Duration.ofDays(6))).store("UTC", false));

        assertThat(reminders.run()).isZero();
        assertThat(invite(id(invite))).doesNotContainKey("reminderFor");
    }

    @Test
    void remindersWaitForDaytimeInTheStoresTimeZone() {
        // 09:00 UTC on 1 March 2030 is 04:00 in New York: too early for a text
        Document invite = insert(pendingInvite(START.minus(Duration.ofDays(6))).store("America/New_York", true));

        assertThat(reminders.run()).isZero();
        clock.set(Instant.parse("2030-03-01T13:59:00Z"));
        assertThat(reminders.run()).as("08:59 in New York").isZero();
        clock.set(Instant.parse("2030-03-01T14:00:00Z"));
        assertThat(reminders.run()).as("09:00 in New York").isEqualTo(1);
        assertThat(invite(id(invite))).containsKey("reminderFor");
    }

    @Test
    void anInviteWithoutAPhoneIsRemindedByEmailOnly() {
        Document invite = insert(pendingInvite(START.minus(Duration.ofDays(6)))
                .channels("EMAIL", "SMS")
                .phone(null));

        assertThat(reminders.run()).isEqualTo(1);

        assertThat(invite(id(invite)).get("reminderDeliveries", Document.class)).containsOnlyKeys("EMAIL");
        awaitOutboxPublished();
        NotifyInvite command = payload(
                KafkaTopic.recordsWithKey(kafka, Topics.NOTIFY, id(invite))
                        .get(0)
                        .value(),
                NotifyInvite.class);
        assertThat(command.channels()).containsExactly(Channel.EMAIL);
    }

    @Test
    void twoInstancesQueueEachReminderOnce() throws Exception {
        List<Document> due = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> insert(pendingInvite(START.minus(Duration.ofDays(6)))))
                .toList();
        ReminderJob secondInstance = new ReminderJob(mongo, outbox, clock, properties, new SimpleMeterRegistry());

        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> runAfter(start, reminders));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> runAfter(start, secondInstance));

        assertThat(first.get() + second.get()).isEqualTo(due.size());
        awaitOutboxPublished();
        List<ConsumerRecord<String, String>> commands = KafkaTopic.records(kafka, Topics.NOTIFY);
        for (Document invite : due) {
            assertThat(commands)
                    .filteredOn(record -> id(invite).equals(record.key()))
                    .hasSize(1);
        }
    }

    @Test
    void invitesSkippedInTheWindowDoNotHideLaterOnes() {
        ExpiryProperties smallBatches = new ExpiryProperties(
                false,
                properties.runInterval(),
                2,
                10,
                properties.reminderLead(),
                properties.reminderWindow(),
                true,
                properties.expiredRetention(),
                properties.revokedRetention());
        ReminderJob job = new ReminderJob(mongo, outbox, clock, smallBatches, new SimpleMeterRegistry());
        for (int i = 0; i < 5; i++) {
            insert(pendingInvite(START.minus(Duration.ofDays(6)))
                    .store("UTC", false)
                    .expiresAt(START.plus(Duration.ofHours(1))));
        }
        Document later =
                insert(pendingInvite(START.minus(Duration.ofDays(6))).expiresAt(START.plus(Duration.ofHours(1))));

        assertThat(job.run()).isEqualTo(1);
        assertThat(invite(id(later))).containsKey("reminderFor");
    }

    private static int runAfter(CyclicBarrier start, ReminderJob job) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return job.run();
    }
}
