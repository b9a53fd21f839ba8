package com.boxncase.invites.templates;

import com.boxncase.invites.contracts.NotifyReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a store's candidate template before it is saved: it must keep to the {@link SandboxRules} (everywhere,
 * not only in the branches a sample takes), parse, and render within the {@link RenderLimits} for every sample
 * model it can meet in production: every configured role, every kind of message, with and without a personal
 * note and an inviter name, in the template's locale and each locale it falls back to. So a template that
 * misbehaves only for ADMIN reminders is refused at save, not discovered on the first such invite. The whole
 * check is bounded too ({@link RenderLimits#validationBudget()}).
 */
public final class TemplateValidator {

    /** The longest store SMS template accepted, in segments of the sample rendering. */
    public static final int MAX_SMS_SEGMENTS = 4;

    private final TemplateRenderer renderer;
    private final List<String> roles;

    /**
     * @param roles the role codes invites can carry ({@code invites.roles})
     */
    public TemplateValidator(TemplateRenderer renderer, List<String> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("at least one role is needed to check templates against");
        }
        this.renderer = renderer;
        this.roles = List.copyOf(roles);
    }

    /**
     * The problems found, with field, line and column; empty when the template is acceptable.
     *
     * @throws RendererBusy the machine could not check the template in time; the caller may try again
     */
    public List<TemplateProblem> validate(EmailTemplate candidate, String localeTag) {
        CompiledEmailTemplate compiled;
        try {
            compiled = renderer.compile(candidate);
        } catch (TemplateRenderingFailed e) {
            return e.problems();
        }
        long deadline = System.nanoTime() + renderer.limits().validationBudget().toNanos();
        for (Sample sample : samples(localeTag)) {
            try {
                RenderedEmail rendered = renderer.render(compiled, sample.model(), sample.locale());
                if (rendered.subject().isBlank()) {
                    return List.of(new TemplateProblem("subject", 1, 1, "the subject renders empty" + sample));
                }
            } catch (TemplateRenderingFailed e) {
                return withSample(e.problems(), sample);
            }
            if (System.nanoTime() - deadline > 0) {
                return List.of(tooSlowOverall());
            }
        }
        return List.of();
    }

    /**
     * Checks a store's candidate SMS template like an email template's text, and that each sample renders to a
     * non-empty text of at most {@link #MAX_SMS_SEGMENTS} segments.
     *
     * @throws RendererBusy the machine could not check the template in time; the caller may try again
     */
    public List<TemplateProblem> validateSms(String candidate, String localeTag) {
        CompiledSmsTemplate compiled;
        try {
            compiled = renderer.compileSms(candidate == null ? "" : candidate);
        } catch (TemplateRenderingFailed e) {
            return e.problems();
        }
        long deadline = System.nanoTime() + renderer.limits().validationBudget().toNanos();
        for (Sample sample : samples(localeTag)) {
            try {
                RenderedSms rendered = renderer.render(compiled, sample.model(), sample.locale());
                if (rendered.text().isBlank()) {
                    return List.of(new TemplateProblem("text", 1, 1, "the text renders empty" + sample));
                }
                if (rendered.segments().segments() > MAX_SMS_SEGMENTS) {
                    return List.of(new TemplateProblem(
                            "text",
                            0,
                            0,
                            "the text renders to " + rendered.segments().segments() + " SMS segments ("
                                    + rendered.segments().encoding() + "); at most " + MAX_SMS_SEGMENTS
                                    + " are allowed" + sample));
                }
            } catch (TemplateRenderingFailed e) {
                return withSample(e.problems(), sample);
            }
            if (System.nanoTime() - deadline > 0) {
                return List.of(tooSlowOverall());
            }
        }
        return List.of();
    }

    /** The shipped SMS template source for a reason name ({@code invite} or {@code reminder}) and locale. */
    public static String defaultSmsSource(String name, String localeTag) {
        return DefaultTemplates.loadSms(name + "_" + localeTag);
    }

    /** The shipped template source for a reason name ({@code invite} or {@code reminder}) and locale. */
    public static EmailTemplate defaultSource(String name, String localeTag) {
        return DefaultTemplates.load(name + "_" + localeTag);
    }

    /** Every combination a template can branch on, in the template's locale and each one it falls back to. */
    List<Sample> samples(String localeTag) {
        InviteModel sample = InviteModel.sample();
        List<Sample> samples = new ArrayList<>();
        for (String tag : Locales.candidates(localeTag, null)) {
            Locale locale = Locales.parse(tag);
            for (NotifyReason kind : NotifyReason.values()) {
                for (String role : roles) {
                    for (boolean note : new boolean[] {true, false}) {
                        for (boolean inviter : new boolean[] {true, false}) {
                            InviteModel model = new InviteModel(
                                    sample.storeName(),
                                    inviter ? sample.inviterName() : null,
                                    sample.inviteeEmail(),
                                    role,
                                    sample.acceptUrl(),
                                    sample.expiresAt(),
                                    note ? sample.personalNote() : null,
                                    kind);
                            samples.add(new Sample(model, locale, describe(kind, role, note, inviter, tag)));
                        }
                    }
                }
            }
        }
        return samples;
    }

    private static String describe(NotifyReason kind, String role, boolean note, boolean inviter, String tag) {
        return " (sample: " + kind + " for role " + role + ", " + (note ? "with" : "without") + " a personal note, "
                + (inviter ? "with" : "without") + " an inviter name, locale " + tag + ")";
    }

    private static List<TemplateProblem> withSample(List<TemplateProblem> problems, Sample sample) {
        return problems.stream()
                .map(p -> new TemplateProblem(p.field(), p.line(), p.column(), p.message() + sample))
                .toList();
    }

    private TemplateProblem tooSlowOverall() {
        return new TemplateProblem(
                "template",
                0,
                0,
                "rendering every sample took longer than "
                        + renderer.limits().validationBudget().toMillis() + " ms");
    }

    /** One model to render, in a locale, and how to name it in a problem. */
    record Sample(InviteModel model, Locale locale, String description) {
        @Override
        public String toString() {
            return description;
        }
    }
}
