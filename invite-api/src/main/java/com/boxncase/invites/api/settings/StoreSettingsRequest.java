package com.boxncase.invites.api.settings;

import com.boxncase.invites.contracts.Channel;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of {@code PUT /stores/{storeId}/settings}. Omitted fields fall back to the configured defaults. */
record StoreSettingsRequest(
        @Size(max = 120) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
        String storeName,

        @NotEmpty @Size(max = 2) List<Channel> channels,

        @Size(max = 120) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
        String senderName,

        @Email @Size(max = 254) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
        String replyTo,

        @Size(max = 500) @Pattern(regexp = "https?://[^\\s?#]+", message = "must be an http(s) URL without query")
        String acceptUrlBase,

        @Pattern(regexp = "[a-z]{2}(-[A-Z]{2})?", message = "must be a language tag such as en or de-DE")
        String defaultLocale,

        @Min(1) @Max(30) Integer inviteTtlDays,
        Boolean remindersEnabled,

        /** IANA time zone id ({@code America/New_York}, {@code UTC}); messages show the expiry in it. */
        @Size(max = 64) String timeZone,

        /** Where the invitee continues after accepting: an http(s) URL, shown and redirected to by the accept page. */
        @Size(max = SignInUrls.MAX_LENGTH) String signInUrl) {

    @jakarta.validation.constraints.AssertTrue(message = "must not list a channel twice")
    boolean isChannelsDistinct() {
        return channels == null || channels.stream().distinct().count() == channels.size();
    }
}
