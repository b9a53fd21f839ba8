package com.boxncase.invites.templates;

import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.templates.BoundedRendering.Progress;
import com.boxncase.invites.templates.TemplateLimitExceeded.Limit;
import freemarker.core.Environment;
import freemarker.core.ParseException;
import freemarker.core._CoreAPI;
import freemarker.template.Configuration;
import freemarker.template.SimpleHash;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders invitation emails and texts in the FreeMarker {@link Sandbox}: the subject and text as plain text, the
 * HTML body with HTML auto-escaping, so model values (the personal note above all) are escaped.
 *
 * <p>A store's template ({@link #compile}, {@link #compileSms}) must first pass the {@link SandboxRules}; it is
 * parsed with FreeMarker's thread-interruption checks and rendered by {@link BoundedRendering} within the
 * {@link RenderLimits}: past a bound it fails as {@link TemplateLimitExceeded}, never with an {@link Error}. The
 * shipped templates are trusted and render on the caller's thread.
 */
public final class TemplateRenderer implements AutoCloseable {

    private final RenderLimits limits;
    private final Clock clock;
    private final BoundedRendering bounded;
    private final DefaultTemplates defaults;

    public TemplateRenderer() {
        this(RenderLimits.DEFAULT);
    }

    public TemplateRenderer(RenderLimits limits) {
        this(limits, Clock.systemUTC());
    }

    /** @param clock the time a message is rendered at, from which "expires in 3 days" is counted */
    public TemplateRenderer(RenderLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.bounded = new BoundedRendering(limits);
        this.defaults = new DefaultTemplates(this);
        warmUp();
    }

    /**
     * Renders every shipped template and one store template once, so that the first store template a process
     * renders does not pay for loading FreeMarker's classes within its CPU bound (and get blamed for it).
     */
    private void warmUp() {
        InviteModel sample = InviteModel.sample();
        for (NotifyReason kind : NotifyReason.values()) {
            for (String locale : DefaultTemplates.LOCALES) {
                Localized<CompiledEmailTemplate> email = defaultTemplate(kind, List.of(locale));
                render(email.value(), sample, email.locale());
                Localized<CompiledSmsTemplate> sms = defaultSmsTemplate(kind, List.of(locale));
                render(sms.value(), sample, sms.locale());
            }
        }
        try {
            render(
                    compile(new EmailTemplate(
                            "${storeName?upper_case}",
                            "<#if hasPersonalNote>${personalNote}</#if><#list 1..3 as i>${i}</#list>",
                            "${acceptUrl}")),
                    sample,
                    Locale.ENGLISH);
        } catch (RuntimeException e) {
            // only a warm-up: a busy machine at start-up must not stop the service
        }
    }

    public RenderLimits limits() {
        return limits;
    }

    /**
     * Checks a store's template against the {@link SandboxRules} and parses it; a part that breaks a rule or
     * does not parse fails with its line and column.
     */
    public CompiledEmailTemplate compile(EmailTemplate source) {
        return compile(source, true, true);
    }

    /** A store's template that reached the database without validation, for tests of the render bounds. */
    CompiledEmailTemplate compileWithoutRules(EmailTemplate source) {
        return compile(source, false, true);
    }

    /** A shipped template: trusted, rendered on the caller's thread. */
    CompiledEmailTemplate compileShipped(EmailTemplate source) {
        return compile(source, false, false);
    }

    private CompiledEmailTemplate compile(EmailTemplate source, boolean rules, boolean bounded) {
        List<TemplateProblem> problems = new ArrayList<>();
        Template subject = parse("subject", source.subject(), Sandbox.TEXT, rules, bounded, problems);
        Template html = parse("html", source.html(), Sandbox.HTML, rules, bounded, problems);
        Template text = parse("text", source.text(), Sandbox.TEXT, rules, bounded, problems);
        if (source.subject().indexOf('\r') >= 0 || source.subject().indexOf('\n') >= 0) {
            problems.add(new TemplateProblem("subject", 1, 1, "the subject must be one line (no CR or LF)"));
        }
        if (!problems.isEmpty()) {
            throw new TemplateRenderingFailed(problems);
        }
        return new CompiledEmailTemplate(subject, html, text, bounded);
    }

    /**
     * Renders all three parts for {@code locale}. Line breaks that model values bring into the subject become
     * spaces, so no value can add a mail header.
     *
     * @throws TemplateLimitExceeded a store's template went past a bound
     * @throws TemplateRenderingFailed a part failed in the sandbox (unknown variable, refused built-in)
     * @throws RendererBusy the machine could not render a store's template in time
     */
    public RenderedEmail render(CompiledEmailTemplate template, InviteModel model, Locale locale) {
        Map<String, Object> variables = model.variables(locale, clock.instant());
        if (!template.bounded) {
            return renderEmail(template, variables, locale, field -> {});
        }
        return bounded.run(progress -> renderEmail(template, variables, locale, progress));
    }

    private RenderedEmail renderEmail(
            CompiledEmailTemplate template, Map<String, Object> values, Locale locale, Progress progress) {
        SimpleHash variables = new SimpleHash(values, Sandbox.TEXT.getObjectWrapper());
        List<TemplateProblem> problems = new ArrayList<>();
        String subject = process("subject", template.subject, variables, locale, progress, problems);
        String html = process("html", template.html, variables, locale, progress, problems);
        String text = process("text", template.text, variables, locale, progress, problems);
        if (!problems.isEmpty()) {
            throw new TemplateRenderingFailed(problems);
        }
        return new RenderedEmail(oneLine(subject), html, text);
    }

    /** Checks a store's SMS template (plain text) against the rules and parses it, as {@link #compile}. */
    public CompiledSmsTemplate compileSms(String source) {
        return compileSms(source, true, true);
    }

    /** A store's SMS template that reached the database without validation, for tests of the render bounds. */
    CompiledSmsTemplate compileSmsWithoutRules(String source) {
        return compileSms(source, false, true);
    }

    CompiledSmsTemplate compileShippedSms(String source) {
        return compileSms(source, false, false);
    }

    private CompiledSmsTemplate compileSms(String source, boolean rules, boolean bounded) {
        List<TemplateProblem> problems = new ArrayList<>();
        Template text = parse("text", source == null ? "" : source, Sandbox.TEXT, rules, bounded, problems);
        if (!problems.isEmpty()) {
            throw new TemplateRenderingFailed(problems);
        }
        return new CompiledSmsTemplate(text, bounded);
    }

    /** Renders an SMS in the sandbox, without surrounding blank space, and counts its segments; throws as email. */
    public RenderedSms render(CompiledSmsTemplate template, InviteModel model, Locale locale) {
        Map<String, Object> variables = model.variables(locale, clock.instant());
        if (!template.bounded) {
            return renderSms(template, variables, locale, field -> {});
        }
        return bounded.run(progress -> renderSms(template, variables, locale, progress));
    }

    private RenderedSms renderSms(
            CompiledSmsTemplate template, Map<String, Object> values, Locale locale, Progress progress) {
        SimpleHash variables = new SimpleHash(values, Sandbox.TEXT.getObjectWrapper());
        List<TemplateProblem> problems = new ArrayList<>();
        String text = process("text", template.text, variables, locale, progress, problems)
                .strip();
        if (!problems.isEmpty()) {
            throw new TemplateRenderingFailed(problems);
        }
        return new RenderedSms(text, SmsSegments.of(text));
    }

    /** The shipped SMS template for {@code reason} in the first of {@code localeTags} that has one. */
    public Localized<CompiledSmsTemplate> defaultSmsTemplate(NotifyReason reason, List<String> localeTags) {
        for (String tag : localeTags) {
            Optional<CompiledSmsTemplate> template = defaults.findSms(reason, tag);
            if (template.isPresent()) {
                return new Localized<>(template.get(), Locales.parse(tag));
            }
        }
        return new Localized<>(defaults.findSms(reason, Locales.FALLBACK).orElseThrow(), Locale.ENGLISH);
    }

    /** The shipped template for {@code reason} in the first of {@code localeTags} that has one (en always does). */
    public Localized<CompiledEmailTemplate> defaultTemplate(NotifyReason reason, List<String> localeTags) {
        for (String tag : localeTags) {
            Optional<CompiledEmailTemplate> template = defaults.find(reason, tag);
            if (template.isPresent()) {
                return new Localized<>(template.get(), Locales.parse(tag));
            }
        }
        return new Localized<>(defaults.find(reason, Locales.FALLBACK).orElseThrow(), Locale.ENGLISH);
    }

    /** Whether shipped templates exist for this exact language tag (for every kind, or for none). */
    public boolean hasDefault(String localeTag) {
        return defaults.find(NotifyReason.INVITE, localeTag).isPresent();
    }

    /** A value with the locale it was chosen for. */
    public record Localized<T>(T value, Locale locale) {}

    private static Template parse(
            String field,
            String source,
            Configuration cfg,
            boolean rules,
            boolean bounded,
            List<TemplateProblem> problems) {
        if (rules) {
            List<TemplateProblem> broken = SandboxRules.check(field, source);
            if (!broken.isEmpty()) {
                problems.addAll(broken);
                return null;
            }
        }
        Template template;
        try {
            template = new Template(field, new StringReader(source), cfg);
        } catch (ParseException e) {
            problems.add(new TemplateProblem(field, e.getLineNumber(), e.getColumnNumber(), e.getEditorMessage()));
            return null;
        } catch (IOException e) {
            problems.add(new TemplateProblem(field, 0, 0, e.getMessage()));
            return null;
        }
        if (rules) {
            // FreeMarker's own rendering of what it parsed, so that no way of writing the source hides a call
            List<TemplateProblem> broken = SandboxRules.checkCanonical(field, template.toString());
            if (!broken.isEmpty()) {
                problems.addAll(broken);
                return null;
            }
        }
        if (bounded) {
            // a check of the thread's interrupt flag in every loop and repeated block: cancelling stops the render
            _CoreAPI.addThreadInterruptedChecks(template);
        }
        return template;
    }

    private String process(
            String field,
            Template template,
            SimpleHash variables,
            Locale locale,
            Progress progress,
            List<TemplateProblem> problems) {
        progress.part(field);
        StringWriter out = new StringWriter();
        try {
            Environment env =
                    template.createProcessingEnvironment(variables, new LimitedWriter(out, limits.maxOutputChars()));
            env.setLocale(locale);
            env.process();
            return out.toString();
        } catch (TemplateException e) {
            OutputLimitReached tooLong = outputLimitIn(e);
            if (tooLong != null) {
                throw new TemplateLimitExceeded(Limit.OUTPUT, field, tooLong.getMessage());
            }
            problems.add(new TemplateProblem(
                    field, orZero(e.getLineNumber()), orZero(e.getColumnNumber()), e.getMessageWithoutStackTop()));
        } catch (OutputLimitReached e) {
            throw new TemplateLimitExceeded(Limit.OUTPUT, field, e.getMessage());
        } catch (IOException | RuntimeException e) {
            problems.add(new TemplateProblem(field, 0, 0, String.valueOf(e.getMessage())));
        }
        return "";
    }

    private static OutputLimitReached outputLimitIn(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutputLimitReached tooLong) {
                return tooLong;
            }
        }
        return null;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String oneLine(String subject) {
        return subject.replaceAll("[\\r\\n]+", " ").strip();
    }

    /** Stops the render threads; renders of store templates fail as busy from then on. */
    @Override
    public void close() {
        bounded.close();
    }

    /** A part's output went past {@link RenderLimits#maxOutputChars()}. */
    private static final class OutputLimitReached extends IOException {
        OutputLimitReached(int max) {
            super("the output is longer than " + max + " characters");
        }
    }

    private static final class LimitedWriter extends Writer {
        private final StringWriter out;
        private final int max;

        LimitedWriter(StringWriter out, int max) {
            this.out = out;
            this.max = max;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            if (out.getBuffer().length() + length > max) {
                throw new OutputLimitReached(max);
            }
            out.write(buffer, offset, length);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
