package com.boxncase.invites.api.template;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A template's FreeMarker source as a client sends it. EMAIL needs all three parts; which parts a channel
 * needs is decided by {@link StoreTemplateService}, so SMS can later accept {@code text} alone.
 */
record TemplateRequest(
        @Size(max = MAX_SUBJECT) @Pattern(regexp = "[^\\r\\n]*", message = "must be one line (no CR or LF)")
        String subject,

        @Size(max = MAX_BODY) String html,
        @Size(max = MAX_BODY) String text) {

    static final int MAX_SUBJECT = 200;
    static final int MAX_BODY = 100 * 1024;
}
