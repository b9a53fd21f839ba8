package com.boxncase.invites.templates;

import java.util.List;
import java.util.Locale;

/**
 * Checks a store's candidate template before it is saved: it must parse and render with the sample model
 * in the sandbox, and its subject must be one line.
 */
public final class TemplateValidator {

    private final TemplateRenderer renderer;

    public TemplateValidator(TemplateRenderer renderer) {
        this.renderer = renderer;
    }

    /** The problems found, with field, line and column; empty when the template is acceptable. */
    public List<TemplateProblem> validate(EmailTemplate candidate, String localeTag) {
        Locale locale = Locales.parse(localeTag);
        try {
            CompiledEmailTemplate compiled = renderer.compile(candidate);
            RenderedEmail sample =
                    renderer.render(compiled, InviteModel.sample(), locale == null ? Locale.ENGLISH : locale);
            if (sample.subject().isBlank()) {
                return List.of(new TemplateProblem("subject", 1, 1, "the subject renders empty"));
            }
            return List.of();
        } catch (TemplateRenderingFailed e) {
            return e.problems();
        }
    }

    /** The shipped template source for a reason name ({@code invite} or {@code reminder}) and locale. */
    public static EmailTemplate defaultSource(String name, String localeTag) {
        return DefaultTemplates.load(name + "_" + localeTag);
    }
}
