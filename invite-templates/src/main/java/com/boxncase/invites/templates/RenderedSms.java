package com.boxncase.invites.templates;

/** A text ready to send, and what it costs. */
public record RenderedSms(String text, SmsSegments segments) {}
