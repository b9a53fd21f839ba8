package com.boxncase.invites.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.DeliveryStatusChanged;
import com.boxncase.invites.contracts.NotifyReason;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class InviteDocumentTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void aDeliveryReadsBackAsItWasWritten() {
        DeliveryRecord retrying = new DeliveryRecord(
                DeliveryState.RETRYING,
                Channel.SMS,
                2,
                "Twilio unreachable",
                NOW,
                DeliveryState.RETRYING.progress(2),
                "cmd-1",
                null,
                NOW.plusSeconds(30));

        assertThat(DeliveryRecord.fromDocument(retrying.toDocument())).isEqualTo(retrying);
    }

    @Test
    void onlyARetryingEventCarriesItsNextAttemptIntoTheDelivery() {
        DeliveryStatusChanged sent = event(DeliveryState.SENT, NOW.plusSeconds(5));
        DeliveryStatusChanged retrying = event(DeliveryState.RETRYING, NOW.plusSeconds(5));

        assertThat(DeliveryRecord.of(sent).nextAttemptAt()).isNull();
        assertThat(DeliveryRecord.of(retrying).nextAttemptAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(DeliveryRecord.of(retrying).progress()).isEqualTo(DeliveryState.RETRYING.progress(1));
    }

    @Test
    void reminderDeliveriesAreKeptApartFromTheInvitationsOwn() {
        assertThat(InviteDocument.delivery(NotifyReason.RESEND, Channel.EMAIL)).isEqualTo("deliveries.EMAIL");
        assertThat(InviteDocument.delivery(NotifyReason.REMINDER, Channel.EMAIL))
                .isEqualTo("reminderDeliveries.EMAIL");
    }

    @Test
    void aSnapshotKnowsWhichKindOfCommandIsCurrent() {
        Document stored = new Document(InviteDocument.ID, "inv-1")
                .append(InviteDocument.STATUS, "PENDING")
                .append(InviteDocument.EXPIRES_AT, Date.from(NOW.plusSeconds(60)))
                .append(InviteDocument.COMMAND_ID, "cmd-resend")
                .append(InviteDocument.COMMAND_REASON, "RESEND")
                .append(InviteDocument.REMINDER_COMMAND_ID, "cmd-reminder")
                .append(
                        InviteDocument.DELIVERIES,
                        DeliveryRecord.queuedDocument(List.of(Channel.EMAIL), "cmd-resend", NOW));

        InviteSnapshot invite = InviteSnapshot.fromDocument(stored);

        assertThat(invite.currentReasonOf("cmd-resend")).isEqualTo(NotifyReason.RESEND);
        assertThat(invite.currentReasonOf("cmd-reminder")).isEqualTo(NotifyReason.REMINDER);
        assertThat(invite.currentReasonOf("cmd-older")).isNull();
        assertThat(invite.deliveries()).containsOnlyKeys(Channel.EMAIL);
        assertThat(invite.statusAt(NOW)).isEqualTo(InviteStatus.PENDING);
        assertThat(invite.statusAt(NOW.plusSeconds(60))).isEqualTo(InviteStatus.EXPIRED);
    }

    @Test
    void anInviteWithoutAPhoneIsNeverSentBySms() {
        assertThat(InviteChannels.of(List.of(Channel.EMAIL, Channel.SMS), null)).containsExactly(Channel.EMAIL);
        assertThat(InviteChannels.of(List.of(Channel.SMS), " ")).isEmpty();
        assertThat(InviteChannels.of(List.of(Channel.EMAIL, Channel.SMS), "+14155550100"))
                .containsExactly(Channel.EMAIL, Channel.SMS);
    }

    @Test
    void aStoreStampReadsBackAndDefaultsToUtc() {
        StoreStamp stamp = new StoreStamp(
                "Shop",
                "Shop team",
                "help@shop.example",
                "https://shop.example/accept",
                "de",
                "Europe/Berlin",
                false,
                null);

        assertThat(StoreStamp.fromDocument(stamp.toDocument())).isEqualTo(stamp);
        assertThat(StoreStamp.fromDocument(new Document("storeName", "Old")).timeZone())
                .isEqualTo("UTC");
        assertThat(StoreStamp.fromDocument(null)).isNull();
    }

    private static DeliveryStatusChanged event(DeliveryState state, Instant nextAttemptAt) {
        return new DeliveryStatusChanged(
                1, "e-1", "inv-1", "store-1", "cmd-1", Channel.EMAIL, state, 1, null, null, NOW, nextAttemptAt);
    }
}
