package com.boxncase.invites.templates;

import com.boxncase.invites.contracts.NotifyReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The templates that ship with the platform, as classpath resources
 * {@code com/boxncase/invites/templates/email/<kind>_<locale>.<subject.ftl|html.ftlh|text.ftl>} and
 * {@code com/boxncase/invites/templates/sms/<kind>_<locale>.ftl}, one per kind of message ({@code invite},
 * {@code resend}, {@code reminder}) and shipped language.
 */
final class DefaultTemplates {

    static final List<String> LOCALES = List.of("en", "de");

    private final Map<String, CompiledEmailTemplate> templates = new HashMap<>();
    private final Map<String, CompiledSmsTemplate> smsTemplates = new HashMap<>();

    DefaultTemplates(TemplateRenderer renderer) {
        for (NotifyReason kind : NotifyReason.values()) {
            String name = name(kind);
            for (String locale : LOCALES) {
                templates.put(name + "_" + locale, renderer.compileShipped(load(name + "_" + locale)));
                smsTemplates.put(name + "_" + locale, renderer.compileShippedSms(loadSms(name + "_" + locale)));
            }
        }
    }

    Optional<CompiledEmailTemplate> find(NotifyReason reason, String localeTag) {
        return Optional.ofNullable(templates.get(name(reason) + "_" + localeTag));
    }

    Optional<CompiledSmsTemplate> findSms(NotifyReason reason, String localeTag) {
        return Optional.ofNullable(smsTemplates.get(name(reason) + "_" + localeTag));
    }

    static String name(NotifyReason kind) {
        return (kind == null ? NotifyReason.INVITE : kind).name().toLowerCase(Locale.ROOT);
    }

    /** The source of a shipped template, e.g. for invite-api to show as the starting point of an override. */
    static EmailTemplate load(String baseName) {
        return new EmailTemplate(
                resource(baseName + ".subject.ftl").strip(),
                resource(baseName + ".html.ftlh"),
                resource(baseName + ".text.ftl"));
    }

    /** The source of a shipped SMS template ({@code sms/<kind>_<locale>.ftl}). */
    static String loadSms(String baseName) {
        return resource("sms/", baseName + ".ftl").strip();
    }

    private static String resource(String fileName) {
        return resource("email/", fileName);
    }

    private static String resource(String folder, String fileName) {
        String path = folder + fileName;
        try (InputStream in = DefaultTemplates.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing default template " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
