package com.boxncase.invites.templates;

import java.time.Duration;

/**
 * How much a store's template may cost to render, so that one store's template cannot hold up the deliveries of
 * other stores: {@code cpuTime} of CPU per message (all its parts), never more than {@code wallClockLimit} of
 * waiting however busy the machine is, and {@code maxOutputChars} characters per part. Renders run on at most
 * {@code maxThreads} threads of their own.
 *
 * <p>The time bound is CPU time rather than wall-clock time so that a template is not blamed (and marked broken)
 * for a machine that was too busy to run it: a render that had little CPU when its wall-clock cap passed fails as
 * {@link RendererBusy}, not as {@link TemplateLimitExceeded}.
 *
 * <p>The defaults are defined here once; {@link TemplateProperties} binds them from {@code invites.templates.render}.
 */
public record RenderLimits(Duration cpuTime, Duration wallClockLimit, int maxOutputChars, int maxThreads) {

    static final long DEFAULT_CPU_TIME_MILLIS = 200;
    static final long DEFAULT_WALL_CLOCK_MILLIS = 1000;
    static final int DEFAULT_MAX_OUTPUT_KB = 256;
    static final int DEFAULT_MAX_THREADS = 16;

    /** {@code invites.templates.render.time-limit}'s default, as the property is written. */
    public static final String DEFAULT_TIME_LIMIT = DEFAULT_CPU_TIME_MILLIS + "ms";
    /** {@code invites.templates.render.wall-clock-limit}'s default, as the property is written. */
    public static final String DEFAULT_WALL_CLOCK_LIMIT = DEFAULT_WALL_CLOCK_MILLIS + "ms";
    /** {@code invites.templates.render.max-output}'s default, as the property is written. */
    public static final String DEFAULT_MAX_OUTPUT = DEFAULT_MAX_OUTPUT_KB + "KB";
    /** {@code invites.templates.render.max-threads}'s default, as the property is written. */
    public static final String DEFAULT_THREADS = "" + DEFAULT_MAX_THREADS;

    public static final RenderLimits DEFAULT = new RenderLimits(
            Duration.ofMillis(DEFAULT_CPU_TIME_MILLIS),
            Duration.ofMillis(DEFAULT_WALL_CLOCK_MILLIS),
            DEFAULT_MAX_OUTPUT_KB * 1024,
            DEFAULT_MAX_THREADS);

    /** How many times the wall-clock limit of one render the validation of a template may take, all samples. */
    static final int VALIDATION_FACTOR = 2;

    public RenderLimits {
        if (cpuTime == null || cpuTime.isNegative() || cpuTime.isZero()) {
            throw new IllegalArgumentException("the render time bound must be positive");
        }
        if (wallClockLimit == null || wallClockLimit.compareTo(cpuTime) < 0) {
            throw new IllegalArgumentException("the wall-clock limit must be at least the CPU time bound");
        }
        if (maxOutputChars < 1) {
            throw new IllegalArgumentException("the output bound must be positive");
        }
        if (maxThreads < 1) {
            throw new IllegalArgumentException("at least one render thread is needed");
        }
    }

    /** The longest the validation of one template may take over all its sample models. */
    public Duration validationBudget() {
        return wallClockLimit.multipliedBy(VALIDATION_FACTOR);
    }
}
