package com.boxncase.invites.support;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * One {@link IndexPlan} per service, fed by every {@link RequiredIndexes} bean, and its {@code indexes} health
 * component: DOWN until every index exists. Each service lists {@code indexes} in its readiness group.
 */
@AutoConfiguration(after = DataMongoAutoConfiguration.class)
@ConditionalOnBean(MongoTemplate.class)
@EnableConfigurationProperties(IndexPlanProperties.class)
public class IndexPlanAutoConfiguration {

    @Bean
    IndexPlan indexPlan(MongoTemplate mongo, ObjectProvider<RequiredIndexes> owners, IndexPlanProperties properties) {
        return new IndexPlan(mongo, owners, properties);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class IndexHealth {

        /**
         * UP with the number of indexes once all exist; DOWN with how many are missing, the rounds tried and the last
         * failure's exception class (never its text, which can name hosts and users).
         */
        @Bean(name = "indexesHealthIndicator")
        HealthIndicator indexesHealthIndicator(IndexPlan plan) {
            return () -> {
                IndexPlan.State state = plan.state();
                Health.Builder health = state.done() ? Health.up() : Health.down();
                health.withDetail("indexes", state.total()).withDetail("missing", state.pending());
                if (!state.done()) {
                    health.withDetail("rounds", state.rounds());
                    if (state.lastFailure() != null) {
                        health.withDetail("lastFailure", state.lastFailure());
                    }
                }
                return health.build();
            };
        }
    }
}
