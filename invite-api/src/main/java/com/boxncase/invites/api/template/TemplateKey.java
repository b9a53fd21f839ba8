package com.boxncase.invites.api.template;

import com.boxncase.invites.api.web.InvalidField;
import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.templates.StoreTemplateIds;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which template: a store's channel, kind of message and locale. {@link #id()} is the {@code _id} of its override
 * in collection {@code templates}, the key notifier-worker looks up ({@code storeId:EMAIL:de-AT} for an invitation,
 * {@code storeId:EMAIL:de-AT:REMINDER} for a reminder; see {@link StoreTemplateIds}).
 */
record TemplateKey(String storeId, Channel channel, String locale, NotifyReason kind) {

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");

    /**
     * From the path: the channel and the kind case-insensitively, the locale as a language tag such as
     * {@code de-AT}; no kind is the invitation ({@code INVITE}).
     */
    static TemplateKey of(String storeId, String channel, String locale, String kind) {
        return new TemplateKey(storeId, channel(channel), locale(locale), kind(kind));
    }

    String id() {
        return StoreTemplateIds.id(storeId, channel, kind, locale);
    }

    /** The same template in another locale. */
    TemplateKey inLocale(String otherLocale) {
        return new TemplateKey(storeId, channel, otherLocale, kind);
    }

    /** The same channel and locale, another kind. */
    TemplateKey ofKind(NotifyReason otherKind) {
        return new TemplateKey(storeId, channel, locale, otherKind);
    }

    private static Channel channel(String value) {
        for (Channel channel : Channel.values()) {
            if (channel.name().equalsIgnoreCase(value)) {
                return channel;
            }
        }
        throw new InvalidField("channel", "must be one of EMAIL, SMS");
    }

    private static String locale(String value) {
        if (value == null || !LANGUAGE_TAG.matcher(value).matches()) {
            throw new InvalidField("locale", "must be a language tag such as en or de-AT");
        }
        return Locale.forLanguageTag(value).toLanguageTag();
    }

    private static NotifyReason kind(String value) {
        if (value == null) {
            return NotifyReason.INVITE;
        }
        for (NotifyReason kind : NotifyReason.values()) {
            if (kind.name().equalsIgnoreCase(value)) {
                return kind;
            }
        }
        throw new InvalidField("kind", "must be one of INVITE, RESEND, REMINDER");
    }
}
