package com.boxncase.invites.api.template;

import com.boxncase.invites.templates.EmailTemplate;
import java.time.Instant;

/**
 * A store's saved override of one channel's template in one locale; {@code broken} when a notifier found it past
 * a render bound or refused by the sandbox (it is then not used until saved again), else null.
 */
record StoreTemplate(
        TemplateKey key, String subject, String html, String text, Instant updatedAt, String updatedBy, Broken broken) {

    /** Why the notifier stopped using the template: {@code cause} TIME, OUTPUT, STACK, MEMORY or SANDBOX. */
    record Broken(String cause, String reason, Instant at) {}

    EmailTemplate email() {
        return new EmailTemplate(subject, html, text);
    }
}
