package com.boxncase.invites.contracts;

/**
 * The one registry of Kafka topic names. Every producer, consumer, test and the README refer to these
 * constants; nothing else spells a topic name.
 */
public final class Topics {

    /** {@link NotifyInvite} commands from invite-api and expiry-worker to notifier-worker. Keyed by invite id. */
    public static final String NOTIFY = "invites.notify";

    /** Dead letters of {@link #NOTIFY}: exhausted retries, permanent failures and poison records. */
    public static final String NOTIFY_DLT = NOTIFY + "-dlt";

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
}
