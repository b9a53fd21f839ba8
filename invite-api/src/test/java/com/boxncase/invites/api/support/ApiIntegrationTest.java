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
 * invite-api against a real Kafka broker (embedded, KRaft) and the MongoDB-wire server, listening on a random
 * port (tests that need what only a real server does, such as Tomcat's parsing, talk to it over a socket;
 * the rest use MockMvc). Every class with this annotation shares one cached context; tests isolate themselves
 * with fresh store ids.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@EmbeddedKafka(
        partitions = 2,
        topics = {Topics.NOTIFY, Topics.EVENTS, Topics.DELIVERY_STATUS, Topics.TEMPLATE_CHANGES})
@TestPropertySource(
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "invites.outbox.sweep-interval=200ms",
            "invites.outbox.grace=500ms",
            // tests that wait for an outbox to empty need not wait for the production delay
            "invites.outbox.removal-delay=2s",
            // a small CPU bound for store templates, and a wall-clock limit long enough that a hostile template
            // reaches it (and is refused) on a shared build machine rather than giving up as busy
            "invites.templates.render.time-limit=50ms",
            "invites.templates.render.wall-clock-limit=10s",
            // every test in this JVM shares 127.0.0.1; AcceptRateLimitTest uses addresses of its own
            "invites.http.accept-rate-limit.requests=200",
            "invites.sms.twilio.auth-token=" + ApiIntegrationTest.TWILIO_AUTH_TOKEN,
            "invites.sms.twilio.status-callback-url=" + ApiIntegrationTest.TWILIO_CALLBACK_URL
        })
@Import(TestInfrastructure.class)
public @interface ApiIntegrationTest {

    /** The Twilio auth token status callbacks are signed with in tests. */
    String TWILIO_AUTH_TOKEN = "test-twilio-auth-token";

    /** The public URL Twilio signs callbacks for in tests. */
    String TWILIO_CALLBACK_URL = "https://invites.example.test/webhooks/twilio/status";
}
