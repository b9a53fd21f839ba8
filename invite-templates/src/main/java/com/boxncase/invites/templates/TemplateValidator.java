package com.boxncase.invites.templates;

import com.boxncase.invites.contracts.NotifyReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a store's candidate template before it is saved: it must not use {@code ?new} or {@code ?api}
 * anywhere (not even in a branch the sample does not take), it must parse and render in the sandbox with the
 * sample model in each of its variants (invite and reminder, with and without a personal note), and its
 * subject must be one line.
 */
public final class TemplateValidator {

    /** FreeMarker code in a template: interpolations and directive or macro tags, angle or square bracket. */
    private static final Pattern FTL_CODE = Pattern.compile("[$#]\\{[^}]*}|<[#@][^>]*>|\\[[#@][^\\]]*]");

    private static final Pattern FORBIDDEN_BUILT_IN = Pattern.compile("\\?\\s*(new|api)\\b");

    /** The longest store SMS template accepted, in segments of the sample rendering. */
    public static final int MAX_SMS_SEGMENTS = 4;

    private final TemplateRenderer renderer;

    public TemplateValidator(TemplateRenderer renderer) {
        this.renderer = renderer;
    }

    /** The problems found, with field, line and column; empty when the template is acceptable. */
    public List<TemplateProblem> validate(EmailTemplate candidate, String localeTag) {
        List<TemplateProblem> forbidden = new ArrayList<>();
        findForbiddenBuiltIns("subject", candidate.subject(), forbidden);
        findForbiddenBuiltIns("html", candidate.html(), forbidden);
        findForbiddenBuiltIns("text", candidate.text(), forbidden);
        if (!forbidden.isEmpty()) {
            return forbidden;
        }
        Locale parsed = Locales.parse(localeTag);
        Locale locale = parsed == null ? Locale.ENGLISH : parsed;
        try {
            CompiledEmailTemplate compiled = renderer.compile(candidate);
            for (InviteModel sample : samples()) {
                RenderedEmail rendered = renderer.render(compiled, sample, locale);
                if (rendered.subject().isBlank()) {
                    return List.of(new TemplateProblem("subject", 1, 1, "the subject renders empty"));
                }
            }
            return List.of();
        } catch (TemplateRenderingFailed e) {
            return e.problems();
        }
    }

    /**
     * Checks a store's candidate SMS template like an email template's text, and that each sample variant
     * renders to a non-empty text of at most {@link #MAX_SMS_SEGMENTS} segments.
     */
    public List<TemplateProblem> validateSms(String candidate, String localeTag) {
        String source = candidate == null ? "" : candidate;
        List<TemplateProblem> forbidden = new ArrayList<>();
        findForbiddenBuiltIns("text", source, forbidden);
        if (!forbidden.isEmpty()) {
            return forbidden;
        }
        Locale parsed = Locales.parse(localeTag);
        Locale locale = parsed == null ? Locale.ENGLISH : parsed;
        try {
            CompiledSmsTemplate compiled = renderer.compileSms(source);
            for (InviteModel sample : samples()) {
                RenderedSms rendered = renderer.render(compiled, sample, locale);
                if (rendered.text().isBlank()) {
                    return List.of(new TemplateProblem("text", 1, 1, "the text renders empty"));
                }
                if (rendered.segments().segments() > MAX_SMS_SEGMENTS) {
                    return List.of(new TemplateProblem(
                            "text",
                            0,
                            0,
                            "the text renders to " + rendered.segments().segments() + " SMS segments ("
                                    + rendered.segments().encoding() + "); at most " + MAX_SMS_SEGMENTS
                                    + " are allowed"));
                }
            }
            return List.of();
        } catch (TemplateRenderingFailed e) {
            return e.problems();
        }
    }

    /** The shipped SMS template source for a reason name ({@code invite} or {@code reminder}) and locale. */
    public static String defaultSmsSource(String name, String localeTag) {
        return DefaultTemplates.loadSms(name + "_" + localeTag);
    }

    /** The shipped template source for a reason name ({@code invite} or {@code reminder}) and locale. */
    public static EmailTemplate defaultSource(String name, String localeTag) {
        return DefaultTemplates.load(name + "_" + localeTag);
    }

    /** The sample model in each variant a template can branch on: the reason and whether there is a note. */
    private static List<InviteModel> samples() {
        InviteModel sample = InviteModel.sample();
        List<InviteModel> samples = new ArrayList<>();
        for (NotifyReason reason : NotifyReason.values()) {
            for (String note : new String[] {sample.personalNote(), null}) {
                samples.add(new InviteModel(
                        sample.storeName(),
                        sample.inviterName(),
                        sample.inviteeEmail(),
                        sample.role(),
                        sample.acceptUrl(),
                        sample.expiresAt(),
                        note,
                        reason));
            }
        }
        return samples;
    }

    private static void findForbiddenBuiltIns(String field, String source, List<TemplateProblem> problems) {
        Matcher code = FTL_CODE.matcher(source);
        while (code.find()) {
            Matcher builtIn = FORBIDDEN_BUILT_IN.matcher(code.group());
            while (builtIn.find()) {
                int offset = code.start() + builtIn.start();
                problems.add(new TemplateProblem(
                        field,
                        line(source, offset),
                        column(source, offset),
                        "?" + builtIn.group(1) + " is not allowed in store templates"));
            }
        }
    }

    private static int line(String source, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int column(String source, int offset) {
        return offset - source.lastIndexOf('\n', offset - 1);
    }
}
