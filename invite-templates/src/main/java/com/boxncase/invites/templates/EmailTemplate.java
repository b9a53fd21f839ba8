package com.boxncase.invites.templates;

/** The FreeMarker source of one email template: subject, HTML body and plain-text body. */
public record EmailTemplate(String subject, String html, String text) {

    public EmailTemplate {
        subject = subject == null ? "" : subject;
        html = html == null ? "" : html;
        text = text == null ? "" : text;
    }
}
