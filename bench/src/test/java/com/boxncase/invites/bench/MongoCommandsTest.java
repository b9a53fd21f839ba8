package com.boxncase.invites.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class MongoCommandsTest {

    @Test
    void countsTheDriverTimerByCommandAndCollection() {
        String scrape = """
                # TYPE mongodb_driver_commands_seconds summary
                mongodb_driver_commands_seconds_count{application="invite-api",collection="invites",command="insert",status="SUCCESS"} 12.0
                mongodb_driver_commands_seconds_count{application="invite-api",collection="invites",command="update",status="SUCCESS"} 30.0
                mongodb_driver_commands_seconds_count{application="invite-api",collection="invites",command="update",status="FAILED"} 2.0
                mongodb_driver_commands_seconds_count{application="invite-api",collection="audit",command="insert",status="SUCCESS"} 5.0
                mongodb_driver_commands_seconds_sum{application="invite-api",collection="invites",command="update",status="SUCCESS"} 0.4
                http_server_requests_seconds_count{uri="/x"} 99.0
                """;

        assertThat(MongoCommands.parse(scrape))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("insert invites", 12L, "update invites", 32L, "insert audit", 5L));
        assertThat(MongoCommands.parse("http_server_requests_seconds_count 3.0\n"))
                .isEmpty();
    }

    @Test
    void aPhaseCountsWhatEachCommandAddedDuringIt() {
        assertThat(MongoCommands.between(
                        Map.of("insert invites", 10L, "find ledger", 4L),
                        Map.of("insert invites", 25L, "find ledger", 4L, "update invites", 7L)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("insert invites", 15L, "update invites", 7L));
    }

    @Test
    void serverStatusGivesDocumentsWrittenAndExaminedAsMongoDbNamesThem() {
        Document status = new Document(
                "metrics",
                new Document(
                                "document",
                                new Document("inserted", 10L)
                                        .append("updated", 25L)
                                        .append("deleted", 5L))
                        .append("queryExecutor", new Document("scannedObjects", 40L)));

        MongoServerStatus.Documents now = MongoServerStatus.parse(status);
        MongoServerStatus.Documents phase = now.minus(new MongoServerStatus.Documents(4, 5, 1, 10));

        assertThat(phase).isEqualTo(new MongoServerStatus.Documents(6, 20, 4, 30));
        assertThat(phase.written()).isEqualTo(30);
        assertThat(MongoServerStatus.parse(new Document("ok", 1)).written())
                .as("a server without the figures")
                .isEqualTo(-1);
    }
}
