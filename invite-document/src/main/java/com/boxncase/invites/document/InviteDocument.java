package com.boxncase.invites.document;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.NotifyReason;

/**
 * The field names of an invite document (collection {@value #COLLECTION}, described in docs/invite-document.md).
 * Every service that reads or writes invites names fields through these constants; invite-api's mapped entity
 * uses them in its {@code @Field} annotations, so a rename happens here or nowhere.
 */
public final class InviteDocument {

    public static final String COLLECTION = "invites";

    public static final String ID = "_id";
    public static final String STORE_ID = "storeId";
    public static final String EMAIL = "email";
    /** Lower-cased email: look-ups and the email-prefix search. */
    public static final String EMAIL_KEY = "emailKey";

    public static final String PHONE = "phone";
    public static final String ROLE = "role";
    public static final String LOCALE = "locale";
    /** The personal note. */
    public static final String MESSAGE = "message";
    /** Channels of the current period: the store's choice at creation or resend, less SMS without a phone. */
    public static final String CHANNELS = "channels";

    public static final String STATUS = "status";
    /** {@code storeId|emailKey} while open, absent otherwise: a sparse unique index allows one open invite. */
    public static final String OPEN_KEY = "openKey";

    public static final String CREATED_AT = "createdAt";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String TTL_DAYS = "ttlDays";
    public static final String INVITED_BY = "invitedBy";
    public static final String INVITED_BY_ID = "invitedBy.id";
    public static final String INVITED_BY_NAME = "invitedBy.name";
    public static final String LINK = "link";
    public static final String LINK_ID = "link.id";
    public static final String LINK_TOKEN_HASH = "link.tokenHash";
    /** The store's effective settings when the current period started ({@link StoreStamp}). */
    public static final String STORE = "store";

    /** Id of the latest INVITE or RESEND command; its deliveries are {@link #DELIVERIES}. */
    public static final String COMMAND_ID = "commandId";

    public static final String COMMAND_REASON = "commandReason";
    public static final String DELIVERIES = "deliveries";
    /** Id of the latest REMINDER command; its deliveries are {@link #REMINDER_DELIVERIES}. */
    public static final String REMINDER_COMMAND_ID = "reminderCommandId";

    public static final String REMINDER_DELIVERIES = "reminderDeliveries";
    /** The {@code expiresAt} of the period whose reminder was queued (at most one per period). */
    public static final String REMINDER_FOR = "reminderFor";

    public static final String LAST_SENT_AT = "lastSentAt";
    public static final String SEND_COUNT = "sendCount";
    /** The command whose first SENT channel counted as a send, so two channels count one send. */
    public static final String SENT_COMMAND_ID = "sentCommandId";

    public static final String RESEND_TIMES = "resendTimes";
    public static final String ACCEPTANCE = "acceptance";
    public static final String ACCEPTED_AT = "acceptance.acceptedAt";
    public static final String REVOKED_AT = "revokedAt";
    public static final String EXPIRED_AT = "expiredAt";
    /** When an EXPIRED invite leaves the collection (and the pending table); set by the expiry-worker. */
    public static final String PURGE_AT = "purgeAt";
    /** When the invite became ACCEPTED or REVOKED; purge retention counts from here. */
    public static final String ENDED_AT = "endedAt";
    /** Incremented by every write: invite-api's optimistic lock. */
    public static final String VERSION = "version";

    public static final String OUTBOX = "outbox";

    private InviteDocument() {}

    /** The field holding one channel's delivery of the command of {@code reason}. */
    public static String delivery(NotifyReason reason, Channel channel) {
        return deliveries(reason) + "." + channel.name();
    }

    /** Reminders keep their own deliveries, so a reminder never hides how the invitation itself went. */
    public static String deliveries(NotifyReason reason) {
        return reason == NotifyReason.REMINDER ? REMINDER_DELIVERIES : DELIVERIES;
    }

    public static String openKey(String storeId, String emailKey) {
        return storeId + "|" + emailKey;
    }
}
