package com.boxncase.invites.api.template;

import com.boxncase.invites.contracts.TemplateChanged;
import com.boxncase.invites.contracts.Topics;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells notifier-worker instances to drop their cached copy of a store's template: a {@link TemplateChanged}
 * on {@link Topics#TEMPLATE_CHANGES}, keyed by store id. Best effort: the template is already saved, and a
 * notice Kafka does not take only delays the change until the notifier's cache max age. The send runs on its
 * own thread, so a broker that is down (the producer may block for {@code max.block.ms}) does not hold up the
 * request.
 */
@Component
class TemplateChangePublisher {

    private static final Logger log = LoggerFactory.getLogger(TemplateChangePublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Clock clock;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "template-changes-publisher");
        thread.setDaemon(true);
        return thread;
    });

    TemplateChangePublisher(KafkaTemplate<String, String> kafka, JsonMapper json, Clock clock) {
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
    }

    void publish(TemplateKey key) {
        TemplateChanged notice = new TemplateChanged(
                TemplateChanged.SCHEMA_VERSION, key.storeId(), key.channel(), key.locale(), clock.instant());
        String payload = json.writeValueAsString(notice);
        sender.execute(() -> send(key, payload));
    }

    private void send(TemplateKey key, String payload) {
        try {
            kafka.send(Topics.TEMPLATE_CHANGES, key.storeId(), payload).whenComplete((result, e) -> {
                if (e != null) {
                    warn(key, e);
                }
            });
        } catch (RuntimeException e) {
            warn(key, e);
        }
    }

    private static void warn(TemplateKey key, Throwable e) {
        log.warn(
                "TemplateChanged for {} was not published; notifiers pick the change up when their cache expires: {}",
                key.id(),
                e.toString());
    }

    @PreDestroy
    void close() {
        sender.shutdown();
    }
}
