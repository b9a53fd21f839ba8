package com.boxncase.invites.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxncase.invites.localstack.LocalStackSettings.MongoStorage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackSettingsTest {

    @Test
    void theMongoDbWireServerKeepsItsDataInAFileUnlessMemoryIsAskedFor() {
        assertThat(LocalStackSettings.from(Map.of()).mongoStorage()).isEqualTo(MongoStorage.FILE);
        assertThat(LocalStackSettings.from(Map.of("LOCAL_MONGO_BACKEND", "memory"))
                        .mongoStorage())
                .isEqualTo(MongoStorage.MEMORY);
        assertThat(LocalStackSettings.from(Map.of("LOCAL_MONGO_BACKEND", " File "))
                        .mongoStorage())
                .isEqualTo(MongoStorage.FILE);
    }

    @Test
    void anUnknownMongoDbBackendIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> LocalStackSettings.from(Map.of("LOCAL_MONGO_BACKEND", "h2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LOCAL_MONGO_BACKEND must be 'file' or 'memory', was 'h2'");
    }
}
