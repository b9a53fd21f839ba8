package com.boxncase.invites.api.template;

import com.boxncase.invites.api.security.Caller;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A store's invitation templates per channel, locale and kind of message: save an override, read it (or the
 * template in effect), delete it to fall back, and preview. {@code .../{channel}/{locale}} is the invitation
 * ({@code INVITE}, as before kinds existed); {@code .../{channel}/{locale}/{kind}} names the kind ({@code INVITE},
 * {@code RESEND} or {@code REMINDER}, any case).
 */
@RestController
@RequestMapping("/api/v1/stores/{storeId}/templates/{channel}/{locale}")
class TemplateController {

    private final StoreTemplateService templates;

    TemplateController(StoreTemplateService templates) {
        this.templates = templates;
    }

    @PutMapping({"", "/{kind}"})
    TemplateView put(
            @PathVariable String storeId,
            @PathVariable String channel,
            @PathVariable String locale,
            @PathVariable(required = false) String kind,
            @Valid @RequestBody TemplateRequest request,
            Authentication authentication) {
        TemplateKey key = TemplateKey.of(storeId, channel, locale, kind);
        return TemplateView.of(
                templates.save(key, request, Caller.of(authentication).id()));
    }

    /** The store's override; with {@code effective=true} the override or the default the notifier would use. */
    @GetMapping({"", "/{kind}"})
    TemplateView get(
            @PathVariable String storeId,
            @PathVariable String channel,
            @PathVariable String locale,
            @PathVariable(required = false) String kind,
            @RequestParam(defaultValue = "false") boolean effective) {
        TemplateKey key = TemplateKey.of(storeId, channel, locale, kind);
        return effective ? templates.effective(key) : TemplateView.of(templates.get(key));
    }

    @DeleteMapping({"", "/{kind}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(
            @PathVariable String storeId,
            @PathVariable String channel,
            @PathVariable String locale,
            @PathVariable(required = false) String kind) {
        templates.delete(TemplateKey.of(storeId, channel, locale, kind));
    }

    @PostMapping({"/preview", "/{kind}/preview"})
    PreviewView preview(
            @PathVariable String storeId,
            @PathVariable String channel,
            @PathVariable String locale,
            @PathVariable(required = false) String kind,
            @Valid @RequestBody(required = false) PreviewRequest request) {
        return templates.preview(TemplateKey.of(storeId, channel, locale, kind), request);
    }
}
