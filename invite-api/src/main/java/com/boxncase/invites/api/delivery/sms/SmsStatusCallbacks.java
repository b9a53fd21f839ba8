package com.boxncase.invites.api.delivery.sms;

import com.boxncase.invites.api.delivery.DeliveryStatuses;
import com.boxncase.invites.api.web.ProblemException;
import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryStatusChanged;
import com.boxncase.invites.contracts.SmsStatusCallback;
import com.boxncase.invites.contracts.Topics;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies a verified Twilio status callback to its invite. The SMS's invite, command and attempt travel in the
 * callback URL that Twilio signed ({@link SmsStatusCallback}), so the callback maps to its invite directly and is
 * applied like any other delivery status ({@link DeliveryStatuses}: current command only, forward only).
 *
 * <p>Twilio does not retry status callbacks by default, so a callback is never simply refused: if MongoDB cannot be
 * written, the status goes to {@link Topics#DELIVERY_STATUS}, whose projection applies it once MongoDB is back; only
 * when Kafka refuses it too is the callback answered 503.
 */
@Component
class SmsStatusCallbacks {

    private static final Logger log = LoggerFactory.getLogger(SmsStatusCallbacks.class);

    private final DeliveryStatuses statuses;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Clock clock;

    SmsStatusCallbacks(DeliveryStatuses statuses, KafkaTemplate<String, String> kafka, JsonMapper json, Clock clock) {
        this.statuses = statuses;
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
    }

    /** Records one verified callback about the SMS {@code sms} names. */
    void accept(SmsStatusCallback sms, TwilioCallback callback) {
        if (callback.state() == null || callback.messageSid() == null) {
            log.debug("Twilio callback {} for {} adds nothing", callback.status(), callback.messageSid());
            return;
        }
        DeliveryStatusChanged event = new DeliveryStatusChanged(
                DeliveryStatusChanged.SCHEMA_VERSION,
                "twilio:" + callback.messageSid() + ":" + callback.state().name(),
                sms.inviteId(),
                sms.storeId(),
                sms.commandId(),
                Channel.SMS,
                callback.state(),
                sms.attempt(),
                callback.messageSid(),
                callback.error(),
                clock.instant(),
                null);
        try {
            statuses.apply(List.of(event));
        } catch (RuntimeException mongoUnavailable) {
            log.warn(
                    "Twilio callback for invite {} not applied ({}); queued on {}",
                    sms.inviteId(),
                    mongoUnavailable.toString(),
                    Topics.DELIVERY_STATUS);
            publish(event);
        }
        log.info("Twilio reports SMS {} of invite {} as {}", callback.messageSid(), sms.inviteId(), callback.state());
    }

    private void publish(DeliveryStatusChanged event) {
        try {
            kafka.send(Topics.DELIVERY_STATUS, event.inviteId(), json.writeValueAsString(event))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallbackNotRecorded(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new CallbackNotRecorded(e);
        }
    }

    /** Neither MongoDB nor Kafka took the status; the callback is answered 503. */
    static final class CallbackNotRecorded extends ProblemException {
        CallbackNotRecorded(Throwable cause) {
            super(HttpStatus.SERVICE_UNAVAILABLE, "The delivery status could not be recorded.");
            initCause(cause);
        }
    }
}
