package com.boxncase.invites.api.template;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.NotifyReason;
import java.time.Instant;

/**
 * A template as the API shows it, for one {@code kind} of message (INVITE, RESEND, REMINDER). {@code source} is {@code STORE} for the store's override or {@code DEFAULT}
 * for the shipped one; {@code locale} is the locale of the template shown, which for an effective template
 * can be a fallback of the one asked for ({@code de} for {@code de-AT}). {@code broken} says why a notifier
 * stopped using the store's override (it then sends the default until the override is saved again); null when it
 * is in use.
 */
record TemplateView(
        String storeId,
        Channel channel,
        String locale,
        NotifyReason kind,
        Source source,
        String subject,
        String html,
        String text,
        Instant updatedAt,
        String updatedBy,
        StoreTemplate.Broken broken) {

    enum Source {
        STORE,
        DEFAULT
    }

    static TemplateView of(StoreTemplate template) {
        TemplateKey key = template.key();
        return new TemplateView(
                key.storeId(),
                key.channel(),
                key.locale(),
                key.kind(),
                Source.STORE,
                template.subject(),
                template.html(),
                template.text(),
                template.updatedAt(),
                template.updatedBy(),
                template.broken());
    }
}
