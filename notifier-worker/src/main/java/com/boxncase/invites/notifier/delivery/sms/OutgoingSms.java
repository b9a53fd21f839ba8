package com.boxncase.invites.notifier.delivery.sms;

import com.boxncase.invites.contracts.SmsStatusCallback;

/**
 * A text to send.
 *
 * @param to the E.164 recipient
 * @param callback the ids Twilio's status callbacks must carry back (appended to the configured callback URL)
 */
public record OutgoingSms(String to, String body, SmsStatusCallback callback) {}
