package com.boxncase.invites.notifier.delivery;

import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.notifier.NotifierProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How the notifier uses Kafka, in one place: the batch consumer of {@link Topics#NOTIFY}, the consumers of its retry
 * topics, the producer of status events, retries and dead letters, and the topics it creates. Retry topics and the
 * dead-letter topic get as many partitions as {@link Topics#NOTIFY} has (looked up at start-up), so the retry path
 * scales out like the main one.
 */
@Configuration(proxyBeanMethods = false)
class NotifyKafkaConfig {

    static final String BATCH_FACTORY = "notifyBatchFactory";
    private static final Logger log = LoggerFactory.getLogger(NotifyKafkaConfig.class);

    /**
     * JSON for messages; raw bytes stay raw, so an unreadable record reaches the dead-letter topic exactly as it
     * came. Not observed: a span per record is a cost the batch path does not pay; each record carries its
     * command's {@code traceparent} instead.
     */
    @Bean
    KafkaTemplate<String, Object> kafkaTemplate(KafkaProperties kafka) {
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(Object.class, new JacksonJsonSerializer<>().noTypeInfo());
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                kafka.buildProducerProperties(), new StringSerializer(), new DelegatingByTypeSerializer(byType, true)));
    }

    @Bean
    RetrySchedule retrySchedule(NotifierProperties properties) {
        return RetrySchedule.of(properties.retry());
    }

    @Bean(BATCH_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> notifyBatchFactory(
            KafkaProperties kafka, NotifierProperties properties) {
        NotifierProperties.Batch batch = properties.batch();
        Map<String, Object> consumer = consumerProperties(kafka);
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batch.maxPollRecords());
        consumer.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, batch.fetchMinBytes());
        consumer.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int)
                batch.fetchMaxWait().toMillis());
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = batchFactory(kafka, consumer);
        factory.setConcurrency(properties.concurrency());
        factory.getContainerProperties().setAckMode(AckMode.BATCH);
        return factory;
    }

    @Bean
    RetryListeners retryListeners(
            KafkaProperties kafka,
            NotifierProperties properties,
            RetrySchedule schedule,
            BatchDelivery delivery,
            RetryChain chain) {
        Map<String, Object> consumer = consumerProperties(kafka);
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.retry().maxPollRecords());
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = batchFactory(kafka, consumer);
        factory.setConcurrency(properties.retry().concurrency());
        factory.getContainerProperties().setAckMode(AckMode.MANUAL); // nack(index, pause) until the next is due
        String groupId = kafka.getConsumer().getGroupId() == null
                ? "notifier-worker"
                : kafka.getConsumer().getGroupId();
        return new RetryListeners(factory, schedule, groupId, delivery, chain);
    }

    /**
     * The retry topics and the dead-letter topic, with the partitions of {@link Topics#NOTIFY}; {@link
     * Topics#NOTIFY} itself too when it does not exist yet. KafkaAdmin adds partitions to an existing topic that
     * has fewer.
     */
    @Bean
    KafkaAdmin.NewTopics notifyTopics(KafkaAdmin admin, NotifierProperties properties, RetrySchedule schedule) {
        Integer existing = partitionsOfNotify(admin);
        int partitions = existing == null ? properties.retry().topicPartitions() : existing;
        List<NewTopic> topics = new ArrayList<>();
        if (existing == null) {
            topics.add(TopicBuilder.name(Topics.NOTIFY).partitions(partitions).build());
        }
        for (String retryTopic : schedule.topics()) {
            topics.add(TopicBuilder.name(retryTopic).partitions(partitions).build());
        }
        topics.add(TopicBuilder.name(Topics.NOTIFY_DLT).partitions(partitions).build());
        log.info(
                "{} has {} partitions; its {} retry topics and {} get as many",
                Topics.NOTIFY,
                partitions,
                schedule.topics().size(),
                Topics.NOTIFY_DLT);
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /** The partition count of {@link Topics#NOTIFY}, or null when it does not exist or Kafka does not answer. */
    private static Integer partitionsOfNotify(KafkaAdmin admin) {
        try {
            TopicDescription notify = admin.describeTopics(Topics.NOTIFY).get(Topics.NOTIFY);
            return notify == null ? null : notify.partitions().size();
        } catch (RuntimeException e) {
            if (!causedBy(e, UnknownTopicOrPartitionException.class)) {
                log.warn("Partitions of {} unknown ({}); the configured count is used", Topics.NOTIFY, e.toString());
            }
            return null;
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Boot's consumer settings, minus the JSON deserializer settings meant for the template-changes listener. */
    private static Map<String, Object> consumerProperties(KafkaProperties kafka) {
        Map<String, Object> consumer = new LinkedHashMap<>(kafka.buildConsumerProperties());
        consumer.keySet().removeIf(key -> key.startsWith("spring.deserializer.") || key.startsWith("spring.json."));
        return consumer;
    }

    /**
     * A batch listener factory of raw records. A batch that throws (MongoDB or Kafka unavailable) is tried again, whole,
     * with a pause growing from one second to 30 s, for as long as it takes: no command is dropped because a store
     * it needs is down.
     */
    private static ConcurrentKafkaListenerContainerFactory<String, byte[]> batchFactory(
            KafkaProperties kafka, Map<String, Object> consumer) {
        ConsumerFactory<String, byte[]> consumers =
                new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(), new ByteArrayDeserializer());
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        factory.setBatchListener(true);
        factory.getContainerProperties().setObservationEnabled(false);
        if (kafka.getListener().getPollTimeout() != null) {
            factory.getContainerProperties()
                    .setPollTimeout(kafka.getListener().getPollTimeout().toMillis());
        }
        ExponentialBackOff untilItWorks = new ExponentialBackOff(1_000, 2.0);
        untilItWorks.setMaxInterval(30_000);
        DefaultErrorHandler errors = new DefaultErrorHandler(untilItWorks);
        errors.setClassifications(Map.of(), true); // every failure is worth another try of the batch
        factory.setCommonErrorHandler(errors);
        return factory;
    }
}
