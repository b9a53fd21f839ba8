package com.boxncase.invites.templates;

import freemarker.template.Template;

/** A parsed SMS template (one plain-text part), ready to render many times (thread-safe). */
public final class CompiledSmsTemplate {

    final Template text;

    CompiledSmsTemplate(Template text) {
        this.text = text;
    }
}
