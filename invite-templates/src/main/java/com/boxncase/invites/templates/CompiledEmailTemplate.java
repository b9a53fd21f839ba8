package com.boxncase.invites.templates;

import freemarker.template.Template;

/** A parsed {@link EmailTemplate}, ready to render many times (thread-safe). */
public final class CompiledEmailTemplate {

    final Template subject;
    final Template html;
    final Template text;

    CompiledEmailTemplate(Template subject, Template html, Template text) {
        this.subject = subject;
        this.html = html;
        this.text = text;
    }
}
