package com.boxncase.invites.api.support;

import com.boxncase.invites.localstack.EmbeddedMongo;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Beans every integration test context shares: the MongoDB-wire server and a clock tests can move. */
@TestConfiguration(proxyBeanMethods = false)
public class TestInfrastructure {

    @Bean
    @Primary
    MutableClock clock() {
        return new MutableClock();
    }

    @Bean
    MongoConnectionDetails embeddedMongo() {
        com.mongodb.ConnectionString uri =
                new com.mongodb.ConnectionString(EmbeddedMongo.shared().connectionString());
        return () -> uri;
    }
}
