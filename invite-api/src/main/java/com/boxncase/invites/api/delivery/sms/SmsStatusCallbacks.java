package com.boxncase.invites.api.delivery.sms;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.contracts.DeliveryStatusChanged;
import com.boxncase.invites.contracts.Topics;
import com.boxncase.invites.support.RequiredIndexes;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns verified Twilio status callbacks into {@link DeliveryStatusChanged} events on {@link Topics#DELIVERY_STATUS},
 * keyed by invite id; the projection keeps them idempotent and forward-only per command.
 *
 * <p>A callback names only the message SID. The invite is the one whose {@code deliveries.SMS.providerMessageId}
 * is that SID (indexed). A callback can beat the notifier's SENT event to the projection; such a callback is
 * parked in collection {@code sms_status_callbacks} ({@code _id} = SID) and applied when the SENT event arrives:
 * this class also reads the status topic and records, in the same document, which invite and command each SMS SENT
 * belongs to. Whichever of the two writes second sees the other's half (one atomic single-document update each) and
 * publishes, so no ordering loses a callback. Twilio does not retry status callbacks by default, which is why the
 * callback is kept rather than answered with a 503. The parked documents expire after {@link #PARKED_FOR}.
 */
@Component
class SmsStatusCallbacks implements RequiredIndexes {

    static final String PARKED = "sms_status_callbacks";
    static final Duration PARKED_FOR = Duration.ofDays(7);
    private static final String SID_FIELD = "deliveries.SMS.providerMessageId";
    private static final Logger log = LoggerFactory.getLogger(SmsStatusCallbacks.class);

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Clock clock;

    SmsStatusCallbacks(MongoTemplate mongo, KafkaTemplate<String, String> kafka, JsonMapper json, Clock clock) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
    }

    /** Callbacks find their invite by message SID; parked callbacks expire. Created by service-support's IndexPlan. */
    @Override
    public List<RequiredIndexes.CollectionIndex> requiredIndexes() {
        return List.of(
                RequiredIndexes.on(
                        "invites",
                        new Index().on(SID_FIELD, Sort.Direction.ASC).sparse().named("sms_message_sid")),
                RequiredIndexes.on(
                        PARKED,
                        new Index()
                                .on("createdAt", Sort.Direction.ASC)
                                .expire(PARKED_FOR)
                                .named("expiry")));
    }

    /** Records one verified callback: published at once when its invite is known, else parked. */
    void accept(TwilioCallback callback) {
        if (callback.state() == null || callback.messageSid() == null) {
            log.debug("Twilio callback {} for {} adds nothing", callback.status(), callback.messageSid());
            return;
        }
        Query bySid = Query.query(Criteria.where(SID_FIELD).is(callback.messageSid()));
        bySid.fields().include("storeId").include("deliveries.SMS.commandId").include("deliveries.SMS.attempts");
        Document invite = mongo.findOne(bySid, Document.class, "invites");
        if (invite != null) {
            Document sms = invite.get("deliveries", Document.class).get("SMS", Document.class);
            Integer attempts = sms.getInteger("attempts");
            publish(
                    new Owner(
                            invite.getString("_id"),
                            invite.getString("storeId"),
                            sms.getString("commandId"),
                            attempts == null ? 0 : attempts),
                    callback.messageSid(),
                    callback.state(),
                    callback.error());
            return;
        }
        Update park = new Update()
                .set("pending." + callback.state().name(), callback.error() == null ? "" : callback.error())
                .setOnInsert("createdAt", Date.from(clock.instant()));
        Document parked = mongo.findAndModify(
                Query.query(Criteria.where("_id").is(callback.messageSid())),
                park,
                FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class,
                PARKED);
        Owner owner = Owner.of(parked);
        if (owner == null) {
            log.info(
                    "Twilio callback {} for {} parked until the SMS's SENT event arrives",
                    callback.status(),
                    callback.messageSid());
            return;
        }
        publish(owner, callback.messageSid(), callback.state(), callback.error());
    }

    /** Remembers which invite and command each sent SMS belongs to, and applies callbacks parked for it. */
    @KafkaListener(topics = Topics.DELIVERY_STATUS, groupId = "invite-api-sms-callbacks")
    void onStatus(String payload) {
        DeliveryStatusChanged event;
        try {
            event = json.readValue(payload, DeliveryStatusChanged.class);
        } catch (JacksonException e) {
            return; // the projection reports undecodable records
        }
        if (event.channel() != Channel.SMS
                || event.state() != DeliveryState.SENT
                || event.providerMessageId() == null
                || event.eventId() != null && event.eventId().startsWith("twilio:")) {
            return;
        }
        Update owner = new Update()
                .set("inviteId", event.inviteId())
                .set("storeId", event.storeId())
                .set("commandId", event.commandId())
                .set("attempt", event.attempt())
                .setOnInsert("createdAt", Date.from(clock.instant()));
        Document parked = mongo.findAndModify(
                Query.query(Criteria.where("_id").is(event.providerMessageId())),
                owner,
                FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class,
                PARKED);
        Document pending = parked.get("pending", Document.class);
        if (pending == null) {
            return;
        }
        Owner known = Owner.of(parked);
        for (Map.Entry<String, Object> entry : pending.entrySet()) {
            String error = (String) entry.getValue();
            publish(
                    known,
                    event.providerMessageId(),
                    DeliveryState.valueOf(entry.getKey()),
                    error.isEmpty() ? null : error);
        }
    }

    private void publish(Owner owner, String sid, DeliveryState state, String error) {
        DeliveryStatusChanged event = new DeliveryStatusChanged(
                DeliveryStatusChanged.SCHEMA_VERSION,
                "twilio:" + sid + ":" + state.name(),
                owner.inviteId(),
                owner.storeId(),
                owner.commandId(),
                Channel.SMS,
                state,
                owner.attempt(),
                sid,
                error,
                clock.instant());
        try {
            kafka.send(Topics.DELIVERY_STATUS, owner.inviteId(), json.writeValueAsString(event))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallbackNotRecorded(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new CallbackNotRecorded(e);
        }
        log.info("Twilio reports SMS {} of invite {} as {}", sid, owner.inviteId(), state);
    }

    /** The invite and command an SMS belongs to. */
    private record Owner(String inviteId, String storeId, String commandId, int attempt) {

        static Owner of(Document parked) {
            if (parked == null || parked.getString("inviteId") == null) {
                return null;
            }
            Integer attempt = parked.getInteger("attempt");
            return new Owner(
                    parked.getString("inviteId"),
                    parked.getString("storeId"),
                    parked.getString("commandId"),
                    attempt == null ? 0 : attempt);
        }
    }

    /** Kafka did not take the status event; the callback is answered 503. */
    static final class CallbackNotRecorded extends com.boxncase.invites.api.web.ProblemException {
        CallbackNotRecorded(Throwable cause) {
            super(
                    org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE,
                    "The delivery status could not be recorded.");
            initCause(cause);
        }
    }
}
