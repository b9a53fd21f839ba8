package com.boxncase.invites.templates;

/** An email ready to send: a one-line subject and the two alternative bodies. */
public record RenderedEmail(String subject, String html, String text) {}
