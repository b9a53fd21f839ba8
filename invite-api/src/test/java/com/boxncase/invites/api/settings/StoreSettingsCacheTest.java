package com.boxncase.invites.api.settings;

import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import com.boxncase.invites.contracts.Channel;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Store settings: cached per instance, and the one setting that reaches invites already out. */
@ApiIntegrationTest
class StoreSettingsCacheTest {

    @Autowired
    StoreSettingsService settings;

    @Autowired
    MongoTemplate mongo;

    @Test
    void settingsReadOnceAreReusedWithoutAnotherRoundTrip() {
        String store = newStore();
        assertThat(settings.settingsOf(store).storeName()).isEqualTo("BoxNCase store");

        // Written behind this instance's back, as another instance would: not seen until the TTL passes.
        mongo.save(new Document("_id", store).append("storeName", "Renamed elsewhere"), "store_settings");

        assertThat(settings.settingsOf(store).storeName()).isEqualTo("BoxNCase store");
    }

    @Test
    void aSaveThroughThisInstanceTakesEffectAtOnce() {
        String store = newStore();
        settings.settingsOf(store);

        settings.save(
                store,
                new StoreSettingsRequest(
                        "Boxes & Co", List.of(Channel.EMAIL), null, null, null, null, 3, null, null, null),
                "admin-1");

        assertThat(settings.settingsOf(store).storeName()).isEqualTo("Boxes & Co");
        assertThat(settings.settingsOf(store).inviteTtlDays()).isEqualTo(3);
    }

    @Test
    void switchingRemindersOffReachesTheInvitesAlreadyOut() {
        String store = newStore();
        mongo.insert(
                new Document("_id", store + "-pending")
                        .append("storeId", store)
                        .append("status", "PENDING")
                        .append("store", new Document("remindersEnabled", true))
                        .append("version", 1L),
                "invites");
        mongo.insert(
                new Document("_id", store + "-accepted")
                        .append("storeId", store)
                        .append("status", "ACCEPTED")
                        .append("store", new Document("remindersEnabled", true))
                        .append("version", 1L),
                "invites");

        settings.save(
                store,
                new StoreSettingsRequest(null, List.of(Channel.EMAIL), null, null, null, null, null, false, null, null),
                "admin-1");

        Document pending = mongo.findById(store + "-pending", Document.class, "invites");
        assertThat(pending.get("store", Document.class).getBoolean("remindersEnabled"))
                .isFalse();
        assertThat(pending.getLong("version")).isEqualTo(2L);
        assertThat(mongo.findById(store + "-accepted", Document.class, "invites")
                        .get("store", Document.class)
                        .getBoolean("remindersEnabled"))
                .isTrue();
    }
}
