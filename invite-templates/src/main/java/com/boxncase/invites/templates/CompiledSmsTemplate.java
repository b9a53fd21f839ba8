package com.boxncase.invites.templates;

import freemarker.template.Template;

/**
 * A parsed SMS template (one plain-text part), ready to render many times (thread-safe); {@code bounded} as for
 * {@link CompiledEmailTemplate}.
 */
public final class CompiledSmsTemplate {

    final Template text;
    final boolean bounded;

    CompiledSmsTemplate(Template text, boolean bounded) {
        this.text = text;
        this.bounded = bounded;
    }
}
