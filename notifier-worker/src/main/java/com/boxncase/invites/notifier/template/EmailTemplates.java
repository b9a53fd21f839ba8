package com.boxncase.invites.notifier.template;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.templates.CompiledEmailTemplate;
import com.boxncase.invites.templates.InviteModel;
import com.boxncase.invites.templates.Locales;
import com.boxncase.invites.templates.RenderedEmail;
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
 * Chooses and renders the invitation email: for each locale in the order invitee, store default, English,
 * the store's override if it has one, else the shipped template if one exists in that locale. An override
 * that fails in the sandbox (e.g. it tries {@code ?new}) is not sent; the shipped template is used instead.
 */
@Component
public class EmailTemplates {

    private static final Logger log = LoggerFactory.getLogger(EmailTemplates.class);

    private final TemplateRenderer renderer;
    private final StoreTemplateCache storeTemplates;
    private final Counter overridesRefused;

    EmailTemplates(TemplateRenderer renderer, StoreTemplateCache storeTemplates, MeterRegistry meters) {
        this.renderer = renderer;
        this.storeTemplates = storeTemplates;
        this.overridesRefused = Counter.builder("invites.notifier.template.overrides.refused")
                .description("Store template overrides that failed in the sandbox; the default was sent")
                .tag("channel", Channel.EMAIL.name())
                .register(meters);
    }

    /** Renders the email for {@code command}; {@code acceptUrl} carries the token and is never logged. */
    public RenderedEmail render(NotifyInvite command, String acceptUrl) {
        InviteModel model = InviteModel.of(command, acceptUrl);
        List<String> locales = Locales.candidates(command.locale(), command.storeDefaultLocale());
        for (String locale : locales) {
            Optional<CompiledEmailTemplate> override = storeTemplates.find(command.storeId(), Channel.EMAIL, locale);
            if (override.isPresent()) {
                try {
                    return renderer.render(override.get(), model, Locales.parse(locale));
                } catch (TemplateRenderingFailed e) {
                    overridesRefused.increment();
                    log.warn(
                            "Store {} template for locale {} was refused in the sandbox, the default is sent: {}",
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

    private RenderedEmail renderDefault(NotifyInvite command, InviteModel model, List<String> locales) {
        Localized<CompiledEmailTemplate> template = renderer.defaultTemplate(command.reason(), locales);
        return renderer.render(template.value(), model, template.locale());
    }
}
