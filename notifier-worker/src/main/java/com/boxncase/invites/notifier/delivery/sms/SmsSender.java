package com.boxncase.invites.notifier.delivery.sms;

import com.boxncase.invites.notifier.delivery.PermanentDeliveryFailure;
import com.boxncase.invites.notifier.delivery.TransientDeliveryFailure;

/** Sends one text message. */
public interface SmsSender {

    /** Whether a provider is configured; when not, {@link #send} fails permanently. */
    boolean isConfigured();

    /**
     * @return the provider message id (the Twilio message SID)
     * @throws TransientDeliveryFailure when a later attempt may succeed
     * @throws PermanentDeliveryFailure when no attempt will
     */
    String send(OutgoingSms sms);
}
