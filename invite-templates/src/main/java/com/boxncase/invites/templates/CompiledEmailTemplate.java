package com.boxncase.invites.templates;

import freemarker.template.Template;

/**
 * A parsed {@link EmailTemplate}, ready to render many times (thread-safe). A store's template ({@code bounded})
 * renders on a render thread within the {@link RenderLimits}; a shipped one renders on the caller's thread.
 */
public final class CompiledEmailTemplate {

    final Template subject;
    final Template html;
    final Template text;
    final boolean bounded;

    CompiledEmailTemplate(Template subject, Template html, Template text, boolean bounded) {
        this.subject = subject;
        this.html = html;
        this.text = text;
        this.bounded = bounded;
    }
}
