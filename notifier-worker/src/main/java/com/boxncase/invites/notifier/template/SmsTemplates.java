package com.boxncase.invites.notifier.template;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.templates.CompiledSmsTemplate;
import com.boxncase.invites.templates.InviteModel;
import com.boxncase.invites.templates.RenderedSms;
import com.boxncase.invites.templates.TemplateRenderer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Chooses and renders the invitation text the way {@link TemplateChoice} says, and so the way
 * {@link EmailTemplates} chooses the email: the store's SMS override, else the shipped text; an override that
 * fails in the sandbox is not sent, the shipped text is.
 */
@Component
public class SmsTemplates {

    private static final Logger log = LoggerFactory.getLogger(SmsTemplates.class);

    private final TemplateChoice<CompiledSmsTemplate, RenderedSms> choice;

    SmsTemplates(TemplateRenderer renderer, StoreTemplateCache storeTemplates, MeterRegistry meters) {
        this.choice = new TemplateChoice<>(
                Channel.SMS,
                log,
                "Store {} SMS template for locale {} was refused in the sandbox, the default is sent: {}",
                storeTemplates::findSms,
                storeTemplates,
                renderer::defaultSmsTemplate,
                renderer::render,
                renderer,
                meters);
    }

    /**
     * Renders the text of {@code model} for the store; the model's accept URL carries the token and is never
     * logged.
     *
     * @param locales the locales to try, most wanted first ({@code Locales.candidates(invitee, storeDefault)})
     */
    public RenderedSms render(String storeId, List<String> locales, InviteModel model) {
        return choice.render(storeId, locales, model);
    }
}
