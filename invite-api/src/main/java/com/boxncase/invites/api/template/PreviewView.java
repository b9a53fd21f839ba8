package com.boxncase.invites.api.template;

/**
 * A rendered preview. {@code source}: {@code REQUEST} (the template in the request), {@code STORE} or
 * {@code DEFAULT}; {@code locale}: the locale it was rendered in.
 */
record PreviewView(String source, String locale, String subject, String html, String text) {}
