package com.boxncase.invites.templates;

import com.boxncase.invites.contracts.NotifyReason;
import freemarker.core.Environment;
import freemarker.core.ParseException;
import freemarker.template.Configuration;
import freemarker.template.SimpleHash;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders invitation emails in the FreeMarker {@link Sandbox}: the subject and text as plain text, the HTML
 * body with HTML auto-escaping, so model values (the personal note above all) are escaped.
 */
public final class TemplateRenderer {

    /** Output beyond this many characters per part fails the render (a runaway loop, not an invitation). */
    static final int MAX_OUTPUT_CHARS = 256 * 1024;

    private final DefaultTemplates defaults;

    public TemplateRenderer() {
        this.defaults = new DefaultTemplates(this);
    }

    /** Parses {@code source}; a part that does not parse fails with its line and column. */
    public CompiledEmailTemplate compile(EmailTemplate source) {
        List<TemplateProblem> problems = new ArrayList<>();
        Template subject = parse("subject", source.subject(), Sandbox.TEXT, problems);
        Template html = parse("html", source.html(), Sandbox.HTML, problems);
        Template text = parse("text", source.text(), Sandbox.TEXT, problems);
        if (source.subject().indexOf('\r') >= 0 || source.subject().indexOf('\n') >= 0) {
            problems.add(new TemplateProblem("subject", 1, 1, "the subject must be one line (no CR or LF)"));
        }
        if (!problems.isEmpty()) {
            throw new TemplateRenderingFailed(problems);
        }
        return new CompiledEmailTemplate(subject, html, text);
    }

    /**
     * Renders all three parts for {@code locale}. Line breaks that model values bring into the subject become
     * spaces, so no value can add a mail header.
     */
    public RenderedEmail render(CompiledEmailTemplate template, InviteModel model, Locale locale) {
        SimpleHash variables = new SimpleHash(model.variables(locale), Sandbox.TEXT.getObjectWrapper());
        List<TemplateProblem> problems = new ArrayList<>();
        String subject = process("subject", template.subject, variables, locale, problems);
        String html = process("html", template.html, variables, locale, problems);
        String text = process("text", template.text, variables, locale, problems);
        if (!problems.isEmpty()) {
            throw new TemplateRenderingFailed(problems);
        }
        return new RenderedEmail(oneLine(subject), html, text);
    }

    /** Parses an SMS template (plain text); a template that does not parse fails with its line and column. */
    public CompiledSmsTemplate compileSms(String source) {
        List<TemplateProblem> problems = new ArrayList<>();
        Template text = parse("text", source == null ? "" : source, Sandbox.TEXT, problems);
        if (!problems.isEmpty()) {
            throw new TemplateRenderingFailed(problems);
        }
        return new CompiledSmsTemplate(text);
    }

    /** Renders an SMS in the sandbox, without surrounding blank space, and counts its segments. */
    public RenderedSms render(CompiledSmsTemplate template, InviteModel model, Locale locale) {
        SimpleHash variables = new SimpleHash(model.variables(locale), Sandbox.TEXT.getObjectWrapper());
        List<TemplateProblem> problems = new ArrayList<>();
        String text =
                process("text", template.text, variables, locale, problems).strip();
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

    /** Whether a shipped template exists for this exact language tag. */
    public boolean hasDefault(String localeTag) {
        return defaults.find(NotifyReason.INVITE, localeTag).isPresent();
    }

    /** A value with the locale it was chosen for. */
    public record Localized<T>(T value, Locale locale) {}

    private static Template parse(String field, String source, Configuration cfg, List<TemplateProblem> problems) {
        try {
            return new Template(field, new StringReader(source), cfg);
        } catch (ParseException e) {
            problems.add(new TemplateProblem(field, e.getLineNumber(), e.getColumnNumber(), e.getEditorMessage()));
        } catch (IOException e) {
            problems.add(new TemplateProblem(field, 0, 0, e.getMessage()));
        }
        return null;
    }

    private static String process(
            String field, Template template, SimpleHash variables, Locale locale, List<TemplateProblem> problems) {
        StringWriter out = new StringWriter();
        try {
            Environment env = template.createProcessingEnvironment(variables, new LimitedWriter(out));
            env.setLocale(locale);
            env.process();
            return out.toString();
        } catch (TemplateException e) {
            problems.add(new TemplateProblem(
                    field, orZero(e.getLineNumber()), orZero(e.getColumnNumber()), e.getMessageWithoutStackTop()));
        } catch (IOException | RuntimeException e) {
            problems.add(new TemplateProblem(field, 0, 0, String.valueOf(e.getMessage())));
        }
        return "";
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String oneLine(String subject) {
        return subject.replaceAll("[\\r\\n]+", " ").strip();
    }

    private static final class LimitedWriter extends Writer {
        private final StringWriter out;

        LimitedWriter(StringWriter out) {
            this.out = out;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            if (out.getBuffer().length() + length > MAX_OUTPUT_CHARS) {
                throw new IOException("the template output exceeds " + MAX_OUTPUT_CHARS + " characters");
            }
            out.write(buffer, offset, length);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
