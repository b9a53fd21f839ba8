package com.boxncase.invites.api.template;

import com.boxncase.invites.api.web.InvalidField;
import com.boxncase.invites.contracts.Channel;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which template: a store's channel in one locale. {@link #id()} is the {@code _id} of its override in
 * collection {@code templates}, the key notifier-worker looks up ({@code storeId:EMAIL:de-AT}).
 */
record TemplateKey(String storeId, Channel channel, String locale) {

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");

    /** From the path: the channel case-insensitively, the locale as a language tag such as {@code de-AT}. */
    static TemplateKey of(String storeId, String channel, String locale) {
        return new TemplateKey(storeId, channel(channel), locale(locale));
    }

    String id() {
        return storeId + ":" + channel.name() + ":" + locale;
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
}
