package com.boxncase.invites.support;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How {@link IndexPlan} retries ({@code invites.indexes.*}): after a failed round it waits {@code initialDelay},
 * doubling up to {@code maxDelay}, until every index exists.
 */
@Validated
@ConfigurationProperties("invites.indexes")
public record IndexPlanProperties(
        @NotNull @DefaultValue("1s") Duration initialDelay,
        @NotNull @DefaultValue("1m") Duration maxDelay) {}
