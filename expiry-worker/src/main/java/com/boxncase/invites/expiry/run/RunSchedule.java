package com.boxncase.invites.expiry.run;

import com.boxncase.invites.expiry.ExpiryProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs {@link ExpiryRun} every {@code invites.expiry.run-interval} unless scheduling is switched off. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "invites.expiry.scheduling-enabled", matchIfMissing = true)
class RunSchedule implements SchedulingConfigurer {

    private final ExpiryRun run;
    private final ExpiryProperties properties;

    RunSchedule(ExpiryRun run, ExpiryProperties properties) {
        this.run = run;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(
                new FixedDelayTask(run::runScheduled, properties.runInterval(), properties.runInterval()));
    }
}
