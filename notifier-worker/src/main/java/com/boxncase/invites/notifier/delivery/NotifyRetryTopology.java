package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.notifier.NotifierProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.retrytopic.DltStrategy;
import org.springframework.kafka.retrytopic.RetryTopicConfiguration;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationBuilder;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * The retry and dead-letter policy of {@link Topics#NOTIFY}, in one place: exponential backoff on retry
 * topics ({@code invites.notifier.retry.*}), no retries for permanent failures and unreadable commands,
 * {@link Topics#NOTIFY_DLT} with the exception headers, and a DLT handler that never republishes.
 */
@Configuration
class NotifyRetryTopology extends RetryTopicConfigurationSupport {

    private final DeliveryMetrics metrics;

    NotifyRetryTopology(@Lazy DeliveryMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * JSON for messages; raw bytes stay raw, so a poison record reaches the DLT exactly as it came. Observed,
     * so status events and retried commands carry the trace of the command being handled ({@code traceparent}).
     */
    @Bean
    KafkaTemplate<String, Object> kafkaTemplate(KafkaProperties kafka) {
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(Object.class, new JacksonJsonSerializer<>().noTypeInfo());
        KafkaTemplate<String, Object> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                kafka.buildProducerProperties(), new StringSerializer(), new DelegatingByTypeSerializer(byType, true)));
        template.setObservationEnabled(true);
        return template;
    }

    @Bean
    RetryTopicConfiguration notifyRetryTopics(
            KafkaTemplate<String, Object> kafkaTemplate, NotifierProperties properties) {
        NotifierProperties.Retry retry = properties.retry();
        return RetryTopicConfigurationBuilder.newInstance()
                .includeTopic(Topics.NOTIFY)
                .maxAttempts(retry.attempts())
                .exponentialBackoff(
                        retry.initialDelay().toMillis(),
                        retry.multiplier(),
                        retry.maxDelay().toMillis())
                .autoCreateTopicsWith(retry.topicPartitions(), (short) -1)
                .notRetryOn(List.of(PermanentDeliveryFailure.class, UnsupportedCommand.class))
                .traversingCauses()
                .dltSuffix(Topics.NOTIFY_DLT.substring(Topics.NOTIFY.length()))
                .dltHandlerMethod(NotifyListener.BEAN_NAME, NotifyListener.DLT_METHOD)
                .dltProcessingFailureStrategy(DltStrategy.FAIL_ON_ERROR)
                .create(kafkaTemplate);
    }

    @Override
    protected void configureCustomizers(CustomizersConfigurer customizers) {
        customizers.customizeErrorHandler(handler -> handler.setRetryListeners(new PoisonCounter()));
    }

    /** Counts unreadable commands as they are dead-lettered from the main topic. */
    private final class PoisonCounter implements RetryListener {

        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {}

        @Override
        public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
            if (Topics.NOTIFY.equals(record.topic()) && isPoison(ex)) {
                metrics.poison();
            }
        }

        private static boolean isPoison(Throwable ex) {
            for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof DeserializationException || t instanceof UnsupportedCommand) {
                    return true;
                }
            }
            return false;
        }
    }
}
