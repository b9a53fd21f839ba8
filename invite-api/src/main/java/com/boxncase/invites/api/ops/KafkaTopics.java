package com.boxncase.invites.api.ops;

import com.boxncase.invites.contracts.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * What the broker knows about the invite topics: every topic of the {@link Topics} registry, plus the retry
 * and dead-letter topics derived from them that exist, with partitions, offsets and each consumer group's lag.
 * One admin client, built from Boot's {@link KafkaAdmin} settings, serves all requests.
 */
@Component
class KafkaTopics implements DisposableBean {

    private static final long TIMEOUT_SECONDS = 5;

    private final KafkaAdmin kafkaAdmin;
    private volatile Admin admin;

    KafkaTopics(KafkaAdmin kafkaAdmin) {
        this.kafkaAdmin = kafkaAdmin;
    }

    List<TopicState> topics() {
        try {
            return read();
        } catch (ExecutionException | TimeoutException e) {
            throw new OpsProblems.KafkaUnavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsProblems.KafkaUnavailable();
        }
    }

    private List<TopicState> read() throws ExecutionException, InterruptedException, TimeoutException {
        Admin client = admin();
        Set<String> registry = registryTopics();
        Set<String> existing = get(client.listTopics().names());
        Set<String> names = new TreeSet<>();
        for (String topic : existing) {
            if (registry.contains(topic) || registry.stream().anyMatch(name -> topic.startsWith(name + "-"))) {
                names.add(topic);
            }
        }
        Map<String, TopicDescription> descriptions =
                get(client.describeTopics(names).allTopicNames());
        List<TopicPartition> partitions = descriptions.values().stream()
                .flatMap(description -> description.partitions().stream()
                        .map(info -> new TopicPartition(description.name(), info.partition())))
                .toList();
        Map<TopicPartition, ListOffsetsResultInfo> start = offsets(client, partitions, OffsetSpec.earliest());
        Map<TopicPartition, ListOffsetsResultInfo> end = offsets(client, partitions, OffsetSpec.latest());
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = committedOffsets(client, names);

        List<TopicState> topics = new ArrayList<>();
        for (String name : names) {
            List<PartitionState> partitionStates = partitions.stream()
                    .filter(partition -> partition.topic().equals(name))
                    .sorted(Comparator.comparingInt(TopicPartition::partition))
                    .map(partition -> new PartitionState(
                            partition.partition(),
                            start.get(partition).offset(),
                            end.get(partition).offset()))
                    .toList();
            List<GroupLag> groups = new ArrayList<>();
            committed.forEach((group, offsets) -> {
                List<PartitionLag> lags = new ArrayList<>();
                for (PartitionState partition : partitionStates) {
                    OffsetAndMetadata offset = offsets.get(new TopicPartition(name, partition.partition()));
                    if (offset != null) {
                        lags.add(new PartitionLag(
                                partition.partition(),
                                offset.offset(),
                                Math.max(0, partition.endOffset() - offset.offset())));
                    }
                }
                if (!lags.isEmpty()) {
                    groups.add(new GroupLag(
                            group, lags.stream().mapToLong(PartitionLag::lag).sum(), lags));
                }
            });
            groups.sort(Comparator.comparing(GroupLag::groupId));
            long messages = partitionStates.stream()
                    .mapToLong(p -> p.endOffset() - p.startOffset())
                    .sum();
            topics.add(new TopicState(name, registry.contains(name), messages, partitionStates, groups));
        }
        return topics;
    }

    private static Map<TopicPartition, ListOffsetsResultInfo> offsets(
            Admin client, Collection<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request =
                partitions.stream().collect(Collectors.toMap(partition -> partition, partition -> spec));
        return get(client.listOffsets(request).all());
    }

    /** Committed offsets on the given topics, per consumer group that has any. */
    private static Map<String, Map<TopicPartition, OffsetAndMetadata>> committedOffsets(
            Admin client, Set<String> topics) throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Map<TopicPartition, OffsetAndMetadata>> byGroup = new HashMap<>();
        for (GroupListing group :
                get(client.listGroups(ListGroupsOptions.forConsumerGroups()).all())) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    get(client.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata());
            Map<TopicPartition, OffsetAndMetadata> ours = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null && topics.contains(partition.topic())) {
                    ours.put(partition, offset);
                }
            });
            if (!ours.isEmpty()) {
                byGroup.put(group.groupId(), ours);
            }
        }
        return byGroup;
    }

    private static <T> T get(KafkaFuture<T> future) throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The topic names of the registry: its public string constants. */
    static Set<String> registryTopics() {
        Set<String> names = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    /** The cluster id, when the broker answers within the timeout (for the health check). */
    String clusterId() throws ExecutionException, InterruptedException, TimeoutException {
        return get(admin().describeCluster().clusterId());
    }

    private Admin admin() {
        Admin client = admin;
        if (client == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
                    config.putIfAbsent("request.timeout.ms", 5_000);
                    config.putIfAbsent("default.api.timeout.ms", 5_000);
                    admin = Admin.create(config);
                }
                client = admin;
            }
        }
        return client;
    }

    @Override
    public void destroy() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }

    /**
     * @param registered in the {@link Topics} registry (false: a retry or dead-letter topic derived from one)
     * @param messages records currently retained (end minus start offsets); for a dead-letter topic, its size
     */
    record TopicState(
            String name,
            boolean registered,
            long messages,
            List<PartitionState> partitions,
            List<GroupLag> consumerGroups) {}

    record PartitionState(int partition, long startOffset, long endOffset) {}

    record GroupLag(String groupId, long lag, List<PartitionLag> partitions) {}

    record PartitionLag(int partition, long committedOffset, long lag) {}
}
