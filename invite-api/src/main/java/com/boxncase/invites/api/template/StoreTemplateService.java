package com.boxncase.invites.api.template;

import com.boxncase.invites.api.settings.StoreSettings;
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
import com.boxncase.invites.templates.RoleCatalog;
import com.boxncase.invites.templates.TemplateProblem;
import com.boxncase.invites.templates.TemplateRenderer;
import com.boxncase.invites.templates.TemplateRenderingFailed;
import com.boxncase.invites.templates.TemplateValidator;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * A store's template overrides, per channel, kind of message and locale: saved only when they keep to the sandbox
 * and render within its bounds for every sample, announced to the notifiers on every change, and previewed the
 * way the notifier would render them.
 */
@Service
class StoreTemplateService {

    private final StoreTemplates templates;
    private final TemplateValidator validator;
    private final TemplateRenderer renderer;
    private final RoleCatalog roles;
    private final TemplateChangePublisher changes;
    private final StoreSettingsService settings;
    private final Clock clock;

    StoreTemplateService(
            StoreTemplates templates,
            TemplateValidator validator,
            TemplateRenderer renderer,
            RoleCatalog roles,
            TemplateChangePublisher changes,
            StoreSettingsService settings,
            Clock clock) {
        this.templates = templates;
        this.validator = validator;
        this.renderer = renderer;
        this.roles = roles;
        this.changes = changes;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Validates and saves the override. An INVITE override is checked as every kind (the notifier also uses it for
     * resends and reminders of a store without overrides of those), a RESEND or REMINDER override as its own.
     */
    StoreTemplate save(TemplateKey key, TemplateRequest request, String adminId) {
        try {
            return validatedSave(key, request, adminId);
        } catch (RendererBusy e) {
            throw new TemplateCheckBusy(e.getMessage());
        }
    }

    private StoreTemplate validatedSave(TemplateKey key, TemplateRequest request, String adminId) {
        StoreTemplate saved;
        if (key.channel() == Channel.SMS) {
            String text = smsCandidate(request);
            refuseIfProblems(validator.validateSms(text, key.locale(), key.kind()));
            saved = new StoreTemplate(key, null, null, text, clock.instant(), adminId, null);
        } else {
            EmailTemplate candidate = candidate(request);
            refuseIfProblems(validator.validate(candidate, key.locale(), key.kind()));
            saved = new StoreTemplate(
                    key, candidate.subject(), candidate.html(), candidate.text(), clock.instant(), adminId, null);
        }
        templates.save(saved);
        changes.publish(key);
        return saved;
    }

    StoreTemplate get(TemplateKey key) {
        return templates.find(key).orElseThrow(() -> new TemplateNotFound(key));
    }

    void delete(TemplateKey key) {
        if (!templates.delete(key)) {
            throw new TemplateNotFound(key);
        }
        changes.publish(key);
    }

    /**
     * The template the notifier would use for a message of {@code key.kind()} to an invitee in
     * {@code key.locale()}, the same choice as notifier-worker's {@code TemplateChoice}: for each locale in the
     * order asked, store default, English, the store's override of the kind, else (for a resend or reminder) its
     * INVITE override, else the shipped template of the kind if one exists in that locale. An override the
     * notifier marked broken is passed over for the shipped template, as the notifier does.
     */
    TemplateView effective(TemplateKey key) {
        String storeDefault = settings.settingsOf(key.storeId()).defaultLocale();
        for (String locale : Locales.candidates(key.locale(), storeDefault)) {
            TemplateKey candidate = key.inLocale(locale);
            Optional<StoreTemplate> override = templates.find(candidate);
            if (override.isEmpty() && key.kind() != NotifyReason.INVITE) {
                override = templates.find(candidate.ofKind(NotifyReason.INVITE));
            }
            if (override.isPresent() && override.get().broken() == null) {
                return TemplateView.of(override.get());
            }
            if (override.isPresent()) { // broken: the notifier sends the default, in this locale if one ships
                return shipped(renderer.hasDefault(locale) ? candidate : key.inLocale(Locales.FALLBACK));
            }
            if (renderer.hasDefault(locale)) {
                return shipped(candidate);
            }
        }
        return shipped(key.inLocale(Locales.FALLBACK));
    }

    /**
     * Renders the template in the request, else the effective one, with the sample model (in the store's time
     * zone) overlaid by the given values, within the same render limits as the notifier, so a preview cannot tie
     * up a request thread for longer than the wall-clock limit. A template that fails in the sandbox is refused as
     * on save. The kind previewed is the model's {@code reason} if given, else the path's.
     */
    PreviewView preview(TemplateKey key, PreviewRequest request) {
        try {
            return render(key, request);
        } catch (RendererBusy e) {
            throw new TemplateCheckBusy(e.getMessage());
        }
    }

    private PreviewView render(TemplateKey path, PreviewRequest request) {
        PreviewRequest.Model values = request == null ? null : request.model();
        TemplateKey key = values != null && values.reason() != null ? path.ofKind(values.reason()) : path;
        String source;
        String locale;
        EmailTemplate template = null;
        String smsText = null;
        if (request != null && request.template() != null) {
            if (key.channel() == Channel.SMS) {
                smsText = smsCandidate(request.template());
                refuseIfProblems(validator.validateSms(smsText, key.locale(), key.kind()));
            } else {
                template = candidate(request.template());
                refuseIfProblems(validator.validate(template, key.locale(), key.kind()));
            }
            source = "REQUEST";
            locale = key.locale();
        } else {
            TemplateView effective = effective(key);
            template = new EmailTemplate(effective.subject(), effective.html(), effective.text());
            smsText = effective.text();
            source = effective.source().name();
            locale = effective.locale();
        }
        InviteModel model = sampleModel(key, values, Locales.parse(locale));
        try {
            if (key.channel() == Channel.SMS) {
                RenderedSms sms = renderer.render(renderer.compileSms(smsText), model, Locales.parse(locale));
                return new PreviewView(source, locale, null, null, sms.text());
            }
            RenderedEmail email = renderer.render(renderer.compile(template), model, Locales.parse(locale));
            return new PreviewView(source, locale, email.subject(), email.html(), email.text());
        } catch (TemplateRenderingFailed e) {
            throw new TemplateRefused(e.problems());
        }
    }

    private InviteModel sampleModel(TemplateKey key, PreviewRequest.Model values, Locale locale) {
        StoreSettings store = settings.settingsOf(key.storeId());
        InviteModel sample = InviteModel.sample();
        InviteModel.Builder model = sample.toBuilder()
                .kind(key.kind())
                .role(roles.describe(sample.role().code(), locale))
                .timeZone(ZoneId.of(store.timeZone()));
        return (values == null ? model : values.over(model, roles, locale)).build();
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

    private TemplateView shipped(TemplateKey key) {
        if (key.channel() == Channel.SMS) {
            return new TemplateView(
                    key.storeId(),
                    key.channel(),
                    key.locale(),
                    key.kind(),
                    Source.DEFAULT,
                    null,
                    null,
                    TemplateValidator.defaultSmsSource(key.kind(), key.locale()),
                    null,
                    null,
                    null);
        }
        EmailTemplate template = TemplateValidator.defaultSource(key.kind(), key.locale());
        return new TemplateView(
                key.storeId(),
                key.channel(),
                key.locale(),
                key.kind(),
                Source.DEFAULT,
                template.subject(),
                template.html(),
                template.text(),
                null,
                null,
                null);
    }

    /** An email template from a request: subject, html and text are all required. */
    private static EmailTemplate candidate(TemplateRequest request) {
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

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
