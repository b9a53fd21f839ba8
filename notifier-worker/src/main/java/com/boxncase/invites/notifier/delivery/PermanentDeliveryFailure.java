package com.boxncase.invites.notifier.delivery;

/** A send failed for good: SMTP 5xx on the recipient, an invalid address. Not retried; dead-lettered. */
public class PermanentDeliveryFailure extends RuntimeException {

    public PermanentDeliveryFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
