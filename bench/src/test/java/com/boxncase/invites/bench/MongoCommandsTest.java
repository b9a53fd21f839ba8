package com.boxncase.invites.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MongoCommandsTest {

    @Test
    void sumsEveryCommandSeriesOfTheDriverTimer() {
        String scrape = """
                # TYPE mongodb_driver_commands_seconds summary
                mongodb_driver_commands_seconds_count{application="invite-api",command="insert",status="SUCCESS"} 12.0
                mongodb_driver_commands_seconds_count{application="invite-api",command="update",status="SUCCESS"} 30.0
                mongodb_driver_commands_seconds_sum{application="invite-api",command="update",status="SUCCESS"} 0.4
                http_server_requests_seconds_count{uri="/x"} 99.0
                """;
        assertThat(MongoCommands.sum(scrape)).isEqualTo(42);
    }

    @Test
    void aServiceWithoutTheTimerReportsUnknown() {
        assertThat(MongoCommands.sum("http_server_requests_seconds_count 3.0\n"))
                .isEqualTo(-1);
    }
}
