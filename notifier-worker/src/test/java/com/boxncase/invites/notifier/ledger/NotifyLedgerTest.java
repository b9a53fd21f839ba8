package com.boxncase.invites.notifier.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.localstack.EmbeddedMongo;
import com.boxncase.invites.notifier.NotifierProperties;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The ledger against the MongoDB-wire server: outcomes recorded and read back, a batch at a time. */
class NotifyLedgerTest {

    private final MongoClient client =
            MongoClients.create(EmbeddedMongo.shared().connectionString());
    private final NotifyLedger ledger = new NotifyLedger(
            new MongoTemplate(client, "invites"),
            new Binder(new MapConfigurationPropertySource())
                    .bindOrCreate("invites.notifier", Bindable.of(NotifierProperties.class)));
    private final MongoCollection<Document> entries =
            client.getDatabase("invites").getCollection(NotifyLedger.COLLECTION);
    private final Instant now = Instant.now();

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aBatchRecordsItsOutcomesInOneWriteAndReadsThemBackById() {
        LedgerKey sent = key(Channel.EMAIL);
        LedgerKey retrying = key(Channel.SMS);
        LedgerKey unseen = key(Channel.EMAIL);

        ledger.record(
                List.of(
                        new LedgerOutcome(sent, DeliveryState.SENT, 1, "<m@x>", null, null),
                        new LedgerOutcome(retrying, DeliveryState.RETRYING, 1, null, "503", now.plusSeconds(10))),
                now);

        Map<String, LedgerEntry> seen = ledger.find(List.of(sent.id(), retrying.id(), unseen.id()));
        assertThat(seen).containsOnlyKeys(sent.id(), retrying.id());
        assertThat(seen.get(sent.id())).isEqualTo(new LedgerEntry(sent.id(), DeliveryState.SENT, 1, "<m@x>", null));
        assertThat(seen.get(retrying.id()))
                .isEqualTo(new LedgerEntry(retrying.id(), DeliveryState.RETRYING, 1, null, "503"));
        Document stored = entries.find(new Document("_id", sent.id())).first();
        assertThat(stored)
                .containsEntry("inviteId", sent.inviteId())
                .containsEntry("commandId", sent.commandId())
                .containsEntry("channel", "EMAIL");
        assertThat(stored.getDate("createdAt")).isEqualTo(Date.from(now.truncatedTo(ChronoUnit.MILLIS)));
    }

    @Test
    void aDoneOutcomeIsNeverOverwrittenAndTheRestOfTheBatchIsStillRecorded() {
        LedgerKey skipped = key(Channel.EMAIL);
        ledger.record(List.of(new LedgerOutcome(skipped, DeliveryState.SKIPPED, 1, null, "invite deleted", null)), now);
        LedgerKey fresh = key(Channel.EMAIL);

        ledger.record(
                List.of(
                        new LedgerOutcome(skipped, DeliveryState.SENT, 2, "<late@x>", null, null),
                        new LedgerOutcome(fresh, DeliveryState.SENT, 1, "<fresh@x>", null, null)),
                now);

        Map<String, LedgerEntry> entries = ledger.find(List.of(skipped.id(), fresh.id()));
        assertThat(entries.get(skipped.id()))
                .isEqualTo(new LedgerEntry(skipped.id(), DeliveryState.SKIPPED, 1, null, "invite deleted"));
        assertThat(entries.get(fresh.id()).state()).isEqualTo(DeliveryState.SENT);
    }

    @Test
    void aRetryingEntryTakesTheOutcomeOfItsNextAttemptAndKeepsItsCreationTime() {
        LedgerKey key = key(Channel.EMAIL);
        ledger.record(
                List.of(new LedgerOutcome(key, DeliveryState.RETRYING, 1, null, "451", now.plusSeconds(10))), now);

        ledger.record(List.of(new LedgerOutcome(key, DeliveryState.SENT, 2, "<m@x>", null, null)), now.plusSeconds(11));

        assertThat(ledger.find(List.of(key.id())).get(key.id()))
                .isEqualTo(new LedgerEntry(key.id(), DeliveryState.SENT, 2, "<m@x>", "451"));
        Document stored = entries.find(new Document("_id", key.id())).first();
        assertThat(stored).doesNotContainKey("nextAttemptAt");
        assertThat(stored.getDate("createdAt")).isEqualTo(Date.from(now.truncatedTo(ChronoUnit.MILLIS)));
    }

    private static LedgerKey key(Channel channel) {
        return new LedgerKey(
                UUID.randomUUID().toString(), channel, UUID.randomUUID().toString());
    }
}
