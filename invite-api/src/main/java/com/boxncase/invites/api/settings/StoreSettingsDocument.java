package com.boxncase.invites.api.settings;

import com.boxncase.invites.contracts.Channel;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** What a store saved ({@code store_settings}, one document per store). Null fields use the defaults. */
@Document("store_settings")
record StoreSettingsDocument(
        @Id String storeId,
        String storeName,
        List<Channel> channels,
        String senderName,
        String replyTo,
        String acceptUrlBase,
        String defaultLocale,
        Integer inviteTtlDays,
        Boolean remindersEnabled,
        String timeZone,
        String signInUrl,
        Instant updatedAt,
        String updatedBy) {}
