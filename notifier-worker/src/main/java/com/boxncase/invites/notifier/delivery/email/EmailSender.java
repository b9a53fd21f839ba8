package com.boxncase.invites.notifier.delivery.email;

import com.boxncase.invites.notifier.delivery.PermanentDeliveryFailure;
import com.boxncase.invites.notifier.delivery.TransientDeliveryFailure;

/** Sends one email. */
public interface EmailSender {

    /**
     * @return the provider message id (the SMTP {@code Message-ID})
     * @throws TransientDeliveryFailure when a later attempt may succeed
     * @throws PermanentDeliveryFailure when no attempt will
     */
    String send(OutgoingEmail email);
}
