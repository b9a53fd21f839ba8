package com.boxncase.invites.templates;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Template settings under {@code invites.templates}, the same for invite-api (validation, preview) and
 * notifier-worker (sending), so both render a store's template under the same bounds.
 *
 * @param render the bounds of rendering one store template
 * @param roles display names and descriptions of roles, by role code and locale, over the shipped ones
 *     ({@code invites.templates.roles.ADMIN.de.name=Administrator}); a locale the platform ships no templates
 *     for (e.g. {@code fr}) serves store templates in that locale
 */
@Validated
@ConfigurationProperties("invites.templates")
public record TemplateProperties(
        @Valid @NotNull @DefaultValue Render render,
        @NotNull @DefaultValue Map<String, Map<String, @Valid RoleLabel>> roles) {

    /**
     * How a role reads in one language; either part may be set alone over a shipped one.
     *
     * @param name e.g. "Administrator"
     * @param description one line saying what the role can do
     */
    public record RoleLabel(
            @Size(max = 80) String name, @Size(max = 300) String description) {}

    /** The shipped role names with the configured ones over them. */
    public RoleCatalog roleCatalog() {
        Map<String, Map<String, RoleCatalog.Label>> labels = new HashMap<>();
        roles.forEach((code, byLocale) ->
                byLocale.forEach((locale, label) -> labels.computeIfAbsent(code, c -> new HashMap<>())
                        .put(locale, new RoleCatalog.Label(label.name(), label.description()))));
        return new RoleCatalog(labels);
    }

    /**
     * @param timeLimit CPU time one message (all its parts) may take; past it the store's template is broken
     * @param wallClockLimit the longest a render is waited for, however busy the machine; past it without having
     *     used {@code timeLimit} of CPU, the message falls back to the default but the template is not blamed
     * @param maxOutput characters one part of a message may have (counted as characters, 1 KB = 1024)
     * @param maxThreads threads that render store templates; more renders at once are refused as busy
     */
    public record Render(
            @NotNull @DefaultValue(RenderLimits.DEFAULT_TIME_LIMIT)
            Duration timeLimit,

            @NotNull @DefaultValue(RenderLimits.DEFAULT_WALL_CLOCK_LIMIT)
            Duration wallClockLimit,

            @NotNull @DefaultValue(RenderLimits.DEFAULT_MAX_OUTPUT)
            DataSize maxOutput,

            @Min(1) @Max(256) @DefaultValue(RenderLimits.DEFAULT_THREADS)
            int maxThreads) {

        @AssertTrue(message = "must be between 10ms and 10s")
        boolean isTimeLimitSensible() {
            return timeLimit == null
                    || (timeLimit.compareTo(Duration.ofMillis(10)) >= 0
                            && timeLimit.compareTo(Duration.ofSeconds(10)) <= 0);
        }

        @AssertTrue(message = "must be at least time-limit and at most 60s")
        boolean isWallClockLimitSensible() {
            return wallClockLimit == null
                    || timeLimit == null
                    || (wallClockLimit.compareTo(timeLimit) >= 0
                            && wallClockLimit.compareTo(Duration.ofSeconds(60)) <= 0);
        }

        @AssertTrue(message = "must be between 4KB and 16MB")
        boolean isMaxOutputSensible() {
            return maxOutput == null || (maxOutput.toBytes() >= 4 * 1024 && maxOutput.toBytes() <= 16L * 1024 * 1024);
        }
    }

    public RenderLimits limits() {
        return new RenderLimits(
                render.timeLimit(),
                render.wallClockLimit(),
                (int) render.maxOutput().toBytes(),
                render.maxThreads());
    }
}
