package com.boxncase.invites.templates;

import com.boxncase.invites.contracts.NotifyReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a store's candidate template before it is saved: it must keep to the {@link SandboxRules} (everywhere,
 * not only in the branches a sample takes), parse, and render within the {@link RenderLimits} for every sample
 * model it can meet in production: every configured role (named in the sample's language), every kind of message
 * it serves (an INVITE override also serves RESEND and REMINDER where the store has none of those), with and
 * without a personal note, an inviter name and a phone number, in the template's locale and each locale it falls
 * back to. So a template that misbehaves only for ADMIN reminders is refused at save, not discovered on the first
 * such invite. The whole check is bounded too ({@link RenderLimits#validationBudget()}).
 */
public final class TemplateValidator {

    /** The longest store SMS template accepted, in segments of the sample rendering. */
    public static final int MAX_SMS_SEGMENTS = 4;

    private final TemplateRenderer renderer;
    private final RoleCatalog roleNames;
    private final List<String> roles;

    /**
     * @param roleNames how the roles read in each language
     * @param roles the role codes invites can carry ({@code invites.roles})
     */
    public TemplateValidator(TemplateRenderer renderer, RoleCatalog roleNames, List<String> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("at least one role is needed to check templates against");
        }
        this.renderer = renderer;
        this.roleNames = roleNames;
        this.roles = List.copyOf(roles);
    }

    /** As {@link #validate(EmailTemplate, String, NotifyReason)} for an INVITE override (which serves all kinds). */
    public List<TemplateProblem> validate(EmailTemplate candidate, String localeTag) {
        return validate(candidate, localeTag, NotifyReason.INVITE);
    }

    /** As {@link #validateSms(String, String, NotifyReason)} for an INVITE override (which serves all kinds). */
    public List<TemplateProblem> validateSms(String candidate, String localeTag) {
        return validateSms(candidate, localeTag, NotifyReason.INVITE);
    }

    /**
     * The problems found, with field, line and column; empty when the template is acceptable.
     *
     * @throws RendererBusy the machine could not check the template in time; the caller may try again
     */
    public List<TemplateProblem> validate(EmailTemplate candidate, String localeTag, NotifyReason kind) {
        CompiledEmailTemplate compiled;
        try {
            compiled = renderer.compile(candidate);
        } catch (TemplateRenderingFailed e) {
            return e.problems();
        }
        long deadline = System.nanoTime() + renderer.limits().validationBudget().toNanos();
        for (Sample sample : samples(localeTag, kind)) {
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
    public List<TemplateProblem> validateSms(String candidate, String localeTag, NotifyReason kind) {
        CompiledSmsTemplate compiled;
        try {
            compiled = renderer.compileSms(candidate == null ? "" : candidate);
        } catch (TemplateRenderingFailed e) {
            return e.problems();
        }
        long deadline = System.nanoTime() + renderer.limits().validationBudget().toNanos();
        for (Sample sample : samples(localeTag, kind)) {
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

    /** The shipped SMS template source for a kind of message and a shipped locale. */
    public static String defaultSmsSource(NotifyReason kind, String localeTag) {
        return DefaultTemplates.loadSms(DefaultTemplates.name(kind) + "_" + localeTag);
    }

    /** The shipped email template source for a kind of message and a shipped locale. */
    public static EmailTemplate defaultSource(NotifyReason kind, String localeTag) {
        return DefaultTemplates.load(DefaultTemplates.name(kind) + "_" + localeTag);
    }

    /**
     * Every combination a template can branch on, in the template's locale and each one it falls back to; the
     * kinds are all three for an INVITE override, else its own.
     */
    List<Sample> samples(String localeTag, NotifyReason kind) {
        InviteModel sample = InviteModel.sample();
        List<NotifyReason> kinds =
                kind == null || kind == NotifyReason.INVITE ? List.of(NotifyReason.values()) : List.of(kind);
        List<Sample> samples = new ArrayList<>();
        for (String tag : Locales.candidates(localeTag, null)) {
            Locale locale = Locales.parse(tag);
            for (NotifyReason sampleKind : kinds) {
                for (String role : roles) {
                    RoleText roleText = roleNames.describe(role, locale);
                    for (int variant = 0; variant < 8; variant++) {
                        boolean note = (variant & 1) == 0;
                        boolean inviter = (variant & 2) == 0;
                        boolean phone = (variant & 4) == 0;
                        InviteModel model = sample.toBuilder()
                                .kind(sampleKind)
                                .role(roleText)
                                .personalNote(note ? sample.personalNote() : null)
                                .inviterName(inviter ? sample.inviterName() : null)
                                .inviteePhone(phone ? sample.inviteePhone() : null)
                                .build();
                        samples.add(new Sample(model, locale, describe(sampleKind, role, note, inviter, phone, tag)));
                    }
                }
            }
        }
        return samples;
    }

    private static String describe(
            NotifyReason kind, String role, boolean note, boolean inviter, boolean phone, String tag) {
        return " (sample: " + kind + " for role " + role + ", " + (note ? "with" : "without") + " a personal note, "
                + (inviter ? "with" : "without") + " an inviter name, " + (phone ? "with" : "without")
                + " a phone number, locale " + tag + ")";
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
