package com.boxncase.invites.notifier.delivery.sms;

import com.boxncase.invites.notifier.delivery.PermanentDeliveryFailure;
import com.boxncase.invites.notifier.delivery.TransientDeliveryFailure;
import java.util.concurrent.CompletableFuture;

/** Sends text messages, several at a time. */
public interface SmsSender {

    /** Whether a provider is configured; when not, every {@link #send} fails permanently. */
    boolean isConfigured();

    /**
     * Queues one text for sending and returns at once.
     *
     * @return completes with the provider message id (the Twilio message SID), or exceptionally with a
     *     {@link TransientDeliveryFailure} when a later attempt may succeed or a {@link PermanentDeliveryFailure} when
     *     no attempt will
     */
    CompletableFuture<String> send(OutgoingSms sms);
}
