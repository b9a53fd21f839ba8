package com.boxncase.invites.notifier.delivery.email;

import com.boxncase.invites.notifier.delivery.PermanentDeliveryFailure;
import com.boxncase.invites.notifier.delivery.TransientDeliveryFailure;
import java.util.concurrent.CompletableFuture;

/** Sends emails, several at a time. */
public interface EmailSender {

    /**
     * Queues one email for sending and returns at once.
     *
     * @return completes with the provider message id (the SMTP {@code Message-ID}), or exceptionally with a
     *     {@link TransientDeliveryFailure} when a later attempt may succeed or a {@link PermanentDeliveryFailure} when
     *     no attempt will
     */
    CompletableFuture<String> send(OutgoingEmail email);
}
