package com.boxncase.invites.notifier.template;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.templates.CompiledSmsTemplate;
import com.boxncase.invites.templates.InviteModel;
import com.boxncase.invites.templates.Locales;
import com.boxncase.invites.templates.RenderedSms;
import com.boxncase.invites.templates.TemplateRenderer;
import com.boxncase.invites.templates.TemplateRenderer.Localized;
import com.boxncase.invites.templates.TemplateRenderingFailed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Chooses and renders the invitation text the way {@link EmailTemplates} chooses the email: per locale in the
 * order invitee, store default, English, the store's SMS override, else the shipped text. An override that fails
 * in the sandbox is not sent; the shipped text is.
 */
@Component
public class SmsTemplates {

    private static final Logger log = LoggerFactory.getLogger(SmsTemplates.class);

    private final TemplateRenderer renderer;
    private final StoreTemplateCache storeTemplates;
    private final Counter overridesRefused;

    SmsTemplates(TemplateRenderer renderer, StoreTemplateCache storeTemplates, MeterRegistry meters) {
        this.renderer = renderer;
        this.storeTemplates = storeTemplates;
        this.overridesRefused = Counter.builder("invites.notifier.template.overrides.refused")
                .description("Store template overrides that failed in the sandbox; the default was sent")
                .tag("channel", Channel.SMS.name())
                .register(meters);
    }

    /** Renders the text for {@code command}; {@code acceptUrl} carries the token and is never logged. */
    public RenderedSms render(NotifyInvite command, String acceptUrl) {
        InviteModel model = InviteModel.of(command, acceptUrl);
        for (String locale : Locales.candidates(command.locale(), command.storeDefaultLocale())) {
            Optional<CompiledSmsTemplate> override = storeTemplates.findSms(command.storeId(), locale);
            if (override.isPresent()) {
                try {
                    return renderer.render(override.get(), model, Locales.parse(locale));
                } catch (TemplateRenderingFailed e) {
                    overridesRefused.increment();
                    log.warn(
                            "Store {} SMS template for locale {} was refused in the sandbox, the default is sent: {}",
                            command.storeId(),
                            locale,
                            e.problems());
                    return renderDefault(command, model, List.of(locale, Locales.FALLBACK));
                }
            }
            if (renderer.hasDefault(locale)) {
                return renderDefault(command, model, List.of(locale));
            }
        }
        return renderDefault(command, model, List.of(Locales.FALLBACK));
    }

    private RenderedSms renderDefault(NotifyInvite command, InviteModel model, List<String> locales) {
        Localized<CompiledSmsTemplate> template = renderer.defaultSmsTemplate(command.reason(), locales);
        return renderer.render(template.value(), model, template.locale());
    }
}
