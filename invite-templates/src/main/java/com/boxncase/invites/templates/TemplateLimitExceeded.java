package com.boxncase.invites.templates;

import java.util.List;

/**
 * A store's template went past a bound of {@link RenderLimits} (or past what the JVM can give one render: its
 * stack or its memory). The template is at fault, not the machine: the message falls back to the default
 * template and the store's template should be marked broken.
 */
public class TemplateLimitExceeded extends TemplateRenderingFailed {

    /** Which bound. */
    public enum Limit {
        TIME,
        OUTPUT,
        STACK,
        MEMORY
    }

    private final Limit limit;

    public TemplateLimitExceeded(Limit limit, String field, String message) {
        super(List.of(new TemplateProblem(field == null ? "template" : field, 0, 0, message)));
        this.limit = limit;
    }

    public Limit limit() {
        return limit;
    }

    /** The reason in words, e.g. "rendering used more than 200 ms of CPU". */
    public String reason() {
        return problems().get(0).message();
    }
}
