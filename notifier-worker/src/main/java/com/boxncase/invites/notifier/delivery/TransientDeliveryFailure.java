package com.boxncase.invites.notifier.delivery;

/** A send failed in a way that may pass: connection refused, timeout, SMTP 4xx. Retried with backoff. */
public class TransientDeliveryFailure extends RuntimeException {

    public TransientDeliveryFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
