package com.boxncase.invites.notifier.delivery.sms;

/** A text to send: the E.164 recipient and the body. */
public record OutgoingSms(String to, String body) {}
