package com.boxncase.invites.api.template;

import com.boxncase.invites.api.settings.StoreSettingsService;
import com.boxncase.invites.api.template.TemplateProblems.TemplateCheckBusy;
import com.boxncase.invites.api.template.TemplateProblems.TemplateNotFound;
import com.boxncase.invites.api.template.TemplateProblems.TemplatePartsMissing;
import com.boxncase.invites.api.template.TemplateProblems.TemplateRefused;
import com.boxncase.invites.api.template.TemplateView.Source;
import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.templates.EmailTemplate;
import com.boxncase.invites.templates.InviteModel;
import com.boxncase.invites.templates.Locales;
import com.boxncase.invites.templates.RenderedEmail;
import com.boxncase.invites.templates.RenderedSms;
import com.boxncase.invites.templates.RendererBusy;
import com.boxncase.invites.templates.TemplateProblem;
import com.boxncase.invites.templates.TemplateRenderer;
import com.boxncase.invites.templates.TemplateRenderingFailed;
import com.boxncase.invites.templates.TemplateValidator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * A store's template overrides: saved only when they parse and render with the sample model in the sandbox,
 * announced to the notifiers on every change, and previewed the way the notifier would render them.
 */
@Service
class StoreTemplateService {

    private final StoreTemplates templates;
    private final TemplateValidator validator;
    private final TemplateRenderer renderer;
    private final TemplateChangePublisher changes;
    private final StoreSettingsService settings;
    private final Clock clock;

    StoreTemplateService(
            StoreTemplates templates,
            TemplateValidator validator,
            TemplateRenderer renderer,
            TemplateChangePublisher changes,
            StoreSettingsService settings,
            Clock clock) {
        this.templates = templates;
        this.validator = validator;
        this.renderer = renderer;
        this.changes = changes;
        this.settings = settings;
        this.clock = clock;
    }

    StoreTemplate save(TemplateKey key, TemplateRequest request, String adminId) {
        try {
            return validatedSave(key, request, adminId);
        } catch (RendererBusy e) {
            throw new TemplateCheckBusy(e.getMessage());
        }
    }

    private StoreTemplate validatedSave(TemplateKey key, TemplateRequest request, String adminId) {
        if (key.channel() == Channel.SMS) {
            String text = smsCandidate(request);
            refuseIfProblems(validator.validateSms(text, key.locale()));
            StoreTemplate saved = new StoreTemplate(key, null, null, text, clock.instant(), adminId, null);
            templates.save(saved);
            changes.publish(key);
            return saved;
        }
        EmailTemplate candidate = candidate(key, request);
        List<TemplateProblem> problems = validator.validate(candidate, key.locale());
        if (!problems.isEmpty()) {
            throw new TemplateRefused(problems);
        }
        StoreTemplate saved = new StoreTemplate(
                key, candidate.subject(), candidate.html(), candidate.text(), clock.instant(), adminId, null);
        templates.save(saved);
        changes.publish(key);
        return saved;
    }

    StoreTemplate get(TemplateKey key) {
        requireSupported(key);
        return templates.find(key).orElseThrow(() -> new TemplateNotFound(key));
    }

    void delete(TemplateKey key) {
        requireSupported(key);
        if (!templates.delete(key)) {
            throw new TemplateNotFound(key);
        }
        changes.publish(key);
    }

    /**
     * The template the notifier would use for an invitee in {@code key.locale()}: for each locale in the order
     * asked, store default, English, the store's override if it has one, else the shipped template if one
     * exists in that locale (the same choice as notifier-worker's {@code EmailTemplates}); an override the notifier
     * marked broken is passed over for the shipped template, as the notifier does.
     */
    TemplateView effective(TemplateKey key, NotifyReason reason) {
        requireSupported(key);
        String storeDefault = settings.settingsOf(key.storeId()).defaultLocale();
        for (String locale : Locales.candidates(key.locale(), storeDefault)) {
            TemplateKey candidate = new TemplateKey(key.storeId(), key.channel(), locale);
            Optional<StoreTemplate> override = templates.find(candidate);
            if (override.isPresent() && override.get().broken() == null) {
                return TemplateView.of(override.get());
            }
            if (override.isPresent()) { // broken: the notifier sends the default, in this locale if one ships
                return shipped(renderer.hasDefault(locale) ? candidate : fallback(key), reason);
            }
            if (renderer.hasDefault(locale)) {
                return shipped(candidate, reason);
            }
        }
        return shipped(fallback(key), reason);
    }

    private static TemplateKey fallback(TemplateKey key) {
        return new TemplateKey(key.storeId(), key.channel(), Locales.FALLBACK);
    }

    /**
     * Renders the template in the request, else the effective one, with the sample model overlaid by the given
     * values, within the same render limits as the notifier (so a preview cannot tie up a request thread for
     * longer than the wall-clock limit). A template that fails in the sandbox is refused as on save.
     */
    PreviewView preview(TemplateKey key, PreviewRequest request) {
        try {
            return render(key, request);
        } catch (RendererBusy e) {
            throw new TemplateCheckBusy(e.getMessage());
        }
    }

    private PreviewView render(TemplateKey key, PreviewRequest request) {
        PreviewRequest.Model values = request == null ? null : request.model();
        InviteModel model = values == null ? InviteModel.sample() : values.over(InviteModel.sample());
        if (key.channel() == Channel.SMS) {
            return previewSms(key, request, model);
        }
        String source;
        String locale;
        EmailTemplate template;
        if (request != null && request.template() != null) {
            template = candidate(key, request.template());
            List<TemplateProblem> problems = validator.validate(template, key.locale());
            if (!problems.isEmpty()) {
                throw new TemplateRefused(problems);
            }
            source = "REQUEST";
            locale = key.locale();
        } else {
            TemplateView effective = effective(key, model.reason());
            template = new EmailTemplate(effective.subject(), effective.html(), effective.text());
            source = effective.source().name();
            locale = effective.locale();
        }
        try {
            RenderedEmail email = renderer.render(renderer.compile(template), model, Locales.parse(locale));
            return new PreviewView(source, locale, email.subject(), email.html(), email.text());
        } catch (TemplateRenderingFailed e) {
            throw new TemplateRefused(e.problems());
        }
    }

    /** An SMS preview: the text as the notifier would send it (subject and HTML are null). */
    private PreviewView previewSms(TemplateKey key, PreviewRequest request, InviteModel model) {
        String source;
        String locale;
        String text;
        if (request != null && request.template() != null) {
            text = smsCandidate(request.template());
            refuseIfProblems(validator.validateSms(text, key.locale()));
            source = "REQUEST";
            locale = key.locale();
        } else {
            TemplateView effective = effective(key, model.reason());
            text = effective.text();
            source = effective.source().name();
            locale = effective.locale();
        }
        try {
            RenderedSms sms = renderer.render(renderer.compileSms(text), model, Locales.parse(locale));
            return new PreviewView(source, locale, null, null, sms.text());
        } catch (TemplateRenderingFailed e) {
            throw new TemplateRefused(e.problems());
        }
    }

    /** An SMS template is its {@code text} alone. */
    private static String smsCandidate(TemplateRequest request) {
        if (isBlank(request.text())) {
            throw new TemplatePartsMissing(List.of("text"));
        }
        return request.text();
    }

    private static void refuseIfProblems(List<TemplateProblem> problems) {
        if (!problems.isEmpty()) {
            throw new TemplateRefused(problems);
        }
    }

    private TemplateView shipped(TemplateKey key, NotifyReason reason) {
        String name = reason == NotifyReason.REMINDER ? "reminder" : "invite";
        if (key.channel() == Channel.SMS) {
            return new TemplateView(
                    key.storeId(),
                    key.channel(),
                    key.locale(),
                    Source.DEFAULT,
                    null,
                    null,
                    TemplateValidator.defaultSmsSource(name, key.locale()),
                    null,
                    null,
                    null);
        }
        EmailTemplate template = TemplateValidator.defaultSource(name, key.locale());
        return new TemplateView(
                key.storeId(),
                key.channel(),
                key.locale(),
                Source.DEFAULT,
                template.subject(),
                template.html(),
                template.text(),
                null,
                null,
                null);
    }

    /** The channel's template from a request, with the parts that channel requires. */
    private static EmailTemplate candidate(TemplateKey key, TemplateRequest request) {
        requireSupported(key);
        List<String> missing = new ArrayList<>();
        if (isBlank(request.subject())) {
            missing.add("subject");
        }
        if (isBlank(request.html())) {
            missing.add("html");
        }
        if (isBlank(request.text())) {
            missing.add("text");
        }
        if (!missing.isEmpty()) {
            throw new TemplatePartsMissing(missing);
        }
        return new EmailTemplate(request.subject(), request.html(), request.text());
    }

    /** Both channels can be overridden: EMAIL with subject, html and text, SMS with text alone. */
    private static void requireSupported(TemplateKey key) {
        switch (key.channel()) {
            case EMAIL, SMS -> {}
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
