package com.boxncase.invites.api.support;

import com.boxncase.invites.contracts.Topics;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.TestPropertySource;

/**
 * invite-api against a real Kafka broker (embedded, KRaft) and the MongoDB-wire server. Every class with
 * this annotation shares one cached context; tests isolate themselves with fresh store ids.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedKafka(
        partitions = 2,
        topics = {Topics.NOTIFY, Topics.EVENTS, Topics.DELIVERY_STATUS, Topics.TEMPLATE_CHANGES})
@TestPropertySource(
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "invites.outbox.sweep-interval=200ms",
            "invites.outbox.grace=500ms"
        })
@Import(TestInfrastructure.class)
public @interface ApiIntegrationTest {}
