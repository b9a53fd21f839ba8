package com.boxncase.invites.notifier.template;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.templates.InviteModel;
import com.boxncase.invites.templates.Locales;
import com.boxncase.invites.templates.TemplateRenderer;
import com.boxncase.invites.templates.TemplateRenderer.Localized;
import com.boxncase.invites.templates.TemplateRenderingFailed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * How every channel chooses the template for an invite: for each locale in the order invitee, store default,
 * English, the store's override if it has one, else the shipped template if one exists in that locale. An
 * override that fails in the sandbox (e.g. it tries {@code ?new}) is not sent; the shipped template is, and
 * {@code invites.notifier.template.overrides.refused} counts it by channel.
 *
 * @param <T> the channel's compiled template
 * @param <R> the channel's rendered message
 */
final class TemplateChoice<T, R> {

    interface Overrides<T> {
        Optional<T> find(String storeId, String locale);
    }

    interface Defaults<T> {
        Localized<T> find(NotifyReason reason, List<String> locales);
    }

    interface Rendering<T, R> {
        R render(T template, InviteModel model, Locale locale);
    }

    // the channel's logger and wording, so that the refusal keeps the log line it has always had
    private final Logger log;
    private final String refusedLogLine;
    private final Overrides<T> overrides;
    private final Defaults<T> defaults;
    private final Rendering<T, R> rendering;
    private final TemplateRenderer renderer;
    private final Counter overridesRefused;

    TemplateChoice(
            Channel channel,
            Logger log,
            String refusedLogLine,
            Overrides<T> overrides,
            Defaults<T> defaults,
            Rendering<T, R> rendering,
            TemplateRenderer renderer,
            MeterRegistry meters) {
        this.log = log;
        this.refusedLogLine = refusedLogLine;
        this.overrides = overrides;
        this.defaults = defaults;
        this.rendering = rendering;
        this.renderer = renderer;
        this.overridesRefused = Counter.builder("invites.notifier.template.overrides.refused")
                .description("Store template overrides that failed in the sandbox; the default was sent")
                .tag("channel", channel.name())
                .register(meters);
    }

    /**
     * Renders the message of {@code reason} for {@code model}, trying {@code locales} in order (most specific first,
     * see {@link Locales#candidates}); the model's {@code acceptUrl} carries the token and is never logged.
     */
    R render(InviteModel model, String storeId, List<String> locales, NotifyReason reason) {
        for (String locale : locales) {
            Optional<T> override = overrides.find(storeId, locale);
            if (override.isPresent()) {
                try {
                    return rendering.render(override.get(), model, Locales.parse(locale));
                } catch (TemplateRenderingFailed e) {
                    overridesRefused.increment();
                    log.warn(refusedLogLine, storeId, locale, e.problems());
                    return renderDefault(reason, model, List.of(locale, Locales.FALLBACK));
                }
            }
            if (renderer.hasDefault(locale)) {
                return renderDefault(reason, model, List.of(locale));
            }
        }
        return renderDefault(reason, model, List.of(Locales.FALLBACK));
    }

    private R renderDefault(NotifyReason reason, InviteModel model, List<String> locales) {
        Localized<T> template = defaults.find(reason, locales);
        return rendering.render(template.value(), model, template.locale());
    }
}
