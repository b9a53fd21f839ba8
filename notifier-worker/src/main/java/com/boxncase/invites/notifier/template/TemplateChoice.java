package com.boxncase.invites.notifier.template;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.notifier.template.StoreTemplateCache.StoreOverride;
import com.boxncase.invites.templates.InviteModel;
import com.boxncase.invites.templates.Locales;
import com.boxncase.invites.templates.RendererBusy;
import com.boxncase.invites.templates.TemplateLimitExceeded;
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
 * How every channel chooses the template for a message: for each locale in the order given (invitee, store
 * default, English), the store's override of the message's kind if it has one, else (for a resend or a reminder)
 * its INVITE override, else the shipped template of the kind if one exists in that locale. So a store that
 * overrides only its invitation has it used for resends and reminders too (which can branch on {@code resend} and
 * {@code reminder}), and one that overrides its reminder gets that for reminders.
 *
 * <p>A store's override never costs another store its delivery, and never costs the invitee the message: it
 * renders within the render limits, and whatever goes wrong, the shipped template is sent instead. An override
 * that went past a limit is marked broken (and then skipped); one that failed in the sandbox (e.g. an unknown
 * variable) is counted in {@code invites.notifier.template.overrides.refused}; one the machine was too busy to
 * render in time in {@code invites.notifier.template.renders.busy}.
 *
 * @param <T> the channel's compiled template
 * @param <R> the channel's rendered message
 */
final class TemplateChoice<T, R> {

    interface Overrides<T> {
        Optional<StoreOverride<T>> find(String storeId, NotifyReason kind, String locale);
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
    private final StoreTemplateCache cache;
    private final Defaults<T> defaults;
    private final Rendering<T, R> rendering;
    private final TemplateRenderer renderer;
    private final Counter overridesRefused;
    private final Counter rendersBusy;

    TemplateChoice(
            Channel channel,
            Logger log,
            String refusedLogLine,
            Overrides<T> overrides,
            StoreTemplateCache cache,
            Defaults<T> defaults,
            Rendering<T, R> rendering,
            TemplateRenderer renderer,
            MeterRegistry meters) {
        this.log = log;
        this.refusedLogLine = refusedLogLine;
        this.overrides = overrides;
        this.cache = cache;
        this.defaults = defaults;
        this.rendering = rendering;
        this.renderer = renderer;
        this.overridesRefused = Counter.builder("invites.notifier.template.overrides.refused")
                .description("Store template overrides that failed in the sandbox; the default was sent")
                .tag("channel", channel.name())
                .register(meters);
        this.rendersBusy = Counter.builder("invites.notifier.template.renders.busy")
                .description("Store template renders the machine could not finish in time; the default was sent")
                .tag("channel", channel.name())
                .register(meters);
    }

    /**
     * Renders {@code model} (whose {@code acceptUrl} carries the token and is never logged) for the store.
     *
     * @param locales the locales to try, most wanted first ({@link Locales#candidates})
     */
    R render(String storeId, List<String> locales, InviteModel model) {
        NotifyReason kind = model.kind();
        for (String locale : locales) {
            Optional<StoreOverride<T>> override = overrides.find(storeId, kind, locale);
            if (override.isEmpty() && kind != NotifyReason.INVITE) {
                override = overrides.find(storeId, NotifyReason.INVITE, locale);
            }
            if (override.isPresent()) {
                return renderOverride(override.get(), storeId, model, locale);
            }
            if (renderer.hasDefault(locale)) {
                return renderDefault(model, List.of(locale));
            }
        }
        return renderDefault(model, List.of(Locales.FALLBACK));
    }

    private R renderOverride(StoreOverride<T> override, String storeId, InviteModel model, String locale) {
        if (!override.broken()) {
            try {
                return rendering.render(override.template(), model, Locales.parse(locale));
            } catch (TemplateLimitExceeded e) {
                cache.markBroken(override, e.limit().name(), e.reason());
            } catch (RendererBusy e) {
                rendersBusy.increment();
                log.warn(
                        "Store {} template {} was not rendered in time, the default is sent: {}",
                        storeId,
                        override.id(),
                        e.getMessage());
            } catch (TemplateRenderingFailed e) {
                overridesRefused.increment();
                log.warn(refusedLogLine, storeId, locale, e.problems());
            }
        }
        return renderDefault(model, List.of(locale, Locales.FALLBACK));
    }

    private R renderDefault(InviteModel model, List<String> locales) {
        Localized<T> template = defaults.find(model.kind(), locales);
        return rendering.render(template.value(), model, template.locale());
    }
}
