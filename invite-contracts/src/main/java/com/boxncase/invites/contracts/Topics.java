package com.boxncase.invites.contracts;

import java.time.Duration;

/**
 * The one registry of Kafka topic names. Every producer, consumer, test and the README refer to these
 * constants; nothing else spells a topic name.
 */
public final class Topics {

    /** {@link NotifyInvite} commands from invite-api and expiry-worker to notifier-worker. Keyed by invite id. */
    public static final String NOTIFY = "invites.notify";

    /** Dead letters of {@link #NOTIFY}: exhausted retries, permanent failures and poison records. */
    public static final String NOTIFY_DLT = NOTIFY + "-dlt";

    /**
     * Commands of {@link #NOTIFY} waiting for their next attempt: one topic per delay of the notifier's retry
     * schedule, {@code invites.notify-retry-<delay in milliseconds>} (see {@link #notifyRetry(Duration)}).
     */
    public static final String NOTIFY_RETRY_PREFIX = NOTIFY + "-retry-";

    /** {@link DeliveryStatusChanged} events from notifier-worker (and provider callbacks) back to invite-api. */
    public static final String DELIVERY_STATUS = "invites.delivery-status";

    /** {@link InviteEvent} facts about every invite state change, for the audit trail and any listener. */
    public static final String EVENTS = "invites.events";

    /**
     * {@link TemplateChanged} notices from invite-api so notifier caches drop a store's template at once.
     * Compacted in production: the latest notice per store/channel/locale is all that matters.
     */
    public static final String TEMPLATE_CHANGES = "invites.template-changes";

    private Topics() {}

    /** The retry topic whose commands wait {@code delay} before their next attempt. */
    public static String notifyRetry(Duration delay) {
        return NOTIFY_RETRY_PREFIX + delay.toMillis();
    }
}
