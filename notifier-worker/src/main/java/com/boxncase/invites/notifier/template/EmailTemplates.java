package com.boxncase.invites.notifier.template;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.templates.CompiledEmailTemplate;
import com.boxncase.invites.templates.InviteModel;
import com.boxncase.invites.templates.RenderedEmail;
import com.boxncase.invites.templates.TemplateRenderer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Chooses and renders the invitation email the way {@link TemplateChoice} says: the store's email override in
 * the first locale that has one or a shipped template, the shipped template if the override fails in the sandbox.
 */
@Component
public class EmailTemplates {

    private static final Logger log = LoggerFactory.getLogger(EmailTemplates.class);

    private final TemplateChoice<CompiledEmailTemplate, RenderedEmail> choice;

    EmailTemplates(TemplateRenderer renderer, StoreTemplateCache storeTemplates, MeterRegistry meters) {
        this.choice = new TemplateChoice<>(
                Channel.EMAIL,
                log,
                "Store {} template for locale {} was refused in the sandbox, the default is sent: {}",
                storeTemplates::findEmail,
                storeTemplates,
                renderer::defaultTemplate,
                renderer::render,
                renderer,
                meters);
    }

    /**
     * Renders the email of {@code model} for the store; the model's accept URL carries the token and is never
     * logged.
     *
     * @param locales the locales to try, most wanted first ({@code Locales.candidates(invitee, storeDefault)})
     */
    public RenderedEmail render(String storeId, List<String> locales, InviteModel model) {
        return choice.render(storeId, locales, model);
    }
}
