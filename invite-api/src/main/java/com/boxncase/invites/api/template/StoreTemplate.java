package com.boxncase.invites.api.template;

import com.boxncase.invites.templates.EmailTemplate;
import java.time.Instant;

/** A store's saved override of one channel's template in one locale. */
record StoreTemplate(TemplateKey key, String subject, String html, String text, Instant updatedAt, String updatedBy) {

    EmailTemplate email() {
        return new EmailTemplate(subject, html, text);
    }
}
