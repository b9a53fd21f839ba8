package com.boxncase.invites.notifier.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.localstack.EmbeddedMongo;
import com.boxncase.invites.notifier.NotifierProperties;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The ledger against the MongoDB-wire server: claims, outcomes and redeliveries, a batch at a time. */
class NotifyLedgerTest {

    private final MongoClient client =
            MongoClients.create(EmbeddedMongo.shared().connectionString());
    private final NotifyLedger ledger = new NotifyLedger(
            new MongoTemplate(client, "invites"),
            new Binder(new MapConfigurationPropertySource())
                    .bindOrCreate("invites.notifier", Bindable.of(NotifierProperties.class)));
    private final Instant now = Instant.now();

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aBatchClaimsNewCommandsAndLearnsWhichItHasSeenBefore() {
        LedgerClaim sent = claim(Channel.EMAIL, 1);
        LedgerClaim sending = claim(Channel.SMS, 1);
        ledger.claim(List.of(sent, sending), now);
        ledger.record(List.of(new LedgerOutcome(sent.id(), DeliveryState.SENT, 1, "<m@x>", null, null)), now);
        LedgerClaim fresh = claim(Channel.EMAIL, 1);

        Map<String, LedgerEntry> seen = ledger.claim(List.of(sent, fresh, sending), now);

        assertThat(seen).containsOnlyKeys(sent.id(), sending.id());
        assertThat(seen.get(sent.id())).isEqualTo(new LedgerEntry(sent.id(), DeliveryState.SENT, 1, "<m@x>", null));
        assertThat(seen.get(sending.id()).state()).isEqualTo(DeliveryState.SENDING);
        assertThat(ledger.find(List.of(fresh.id())).get(fresh.id()).state()).isEqualTo(DeliveryState.SENDING);
    }

    @Test
    void aDoneOutcomeIsNeverOverwrittenNorReopened() {
        LedgerClaim claim = claim(Channel.EMAIL, 1);
        ledger.claim(List.of(claim), now);
        ledger.record(
                List.of(new LedgerOutcome(claim.id(), DeliveryState.SKIPPED, 1, null, "invite deleted", null)), now);

        ledger.record(List.of(new LedgerOutcome(claim.id(), DeliveryState.SENT, 2, "<late@x>", null, null)), now);
        ledger.reclaim(List.of(new LedgerClaim(claim.commandId(), Channel.EMAIL, claim.inviteId(), 3)), now);

        assertThat(ledger.find(List.of(claim.id())).get(claim.id()))
                .isEqualTo(new LedgerEntry(claim.id(), DeliveryState.SKIPPED, 1, null, "invite deleted"));
    }

    @Test
    void aRetryReclaimsItsEntryWithItsAttempt() {
        LedgerClaim claim = claim(Channel.EMAIL, 1);
        ledger.claim(List.of(claim), now);
        ledger.record(
                List.of(new LedgerOutcome(claim.id(), DeliveryState.RETRYING, 1, null, "451", now.plusSeconds(10))),
                now);

        ledger.reclaim(List.of(new LedgerClaim(claim.commandId(), Channel.EMAIL, claim.inviteId(), 2)), now);

        LedgerEntry entry = ledger.find(List.of(claim.id())).get(claim.id());
        assertThat(entry.state()).isEqualTo(DeliveryState.SENDING);
        assertThat(entry.attempts()).isEqualTo(2);
    }

    private static LedgerClaim claim(Channel channel, int attempt) {
        return new LedgerClaim(
                UUID.randomUUID().toString(), channel, UUID.randomUUID().toString(), attempt);
    }
}
