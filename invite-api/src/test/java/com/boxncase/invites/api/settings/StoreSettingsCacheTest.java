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
                new StoreSettingsRequest("Boxes & Co", List.of(Channel.EMAIL), null, null, null, null, 3, null, null),
                "admin-1");

        assertThat(settings.settingsOf(store).storeName()).isEqualTo("Boxes & Co");
        assertThat(settings.settingsOf(store).inviteTtlDays()).isEqualTo(3);
    }
}
