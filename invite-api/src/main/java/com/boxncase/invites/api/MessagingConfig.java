package com.boxncase.invites.api;

import java.util.concurrent.TimeUnit;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** How invite-api talks to its infrastructure when it misbehaves. */
@Configuration
class MessagingConfig {

    /**
     * A projection that cannot write (MongoDB down) retries the same record with backoff, without end:
     * skipping it would lose a delivery status or an audit entry. Undecodable records are skipped by the
     * listeners themselves, so this cannot wedge on poison.
     */
    @Bean
    CommonErrorHandler kafkaErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        return new DefaultErrorHandler(backOff);
    }

    /** Fail fast when MongoDB is unreachable, so the API answers 503 instead of hanging. */
    @Bean
    MongoClientSettingsBuilderCustomizer mongoTimeouts() {
        return builder -> builder.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(3, TimeUnit.SECONDS))
                .applyToSocketSettings(
                        socket -> socket.connectTimeout(3, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS));
    }
}
