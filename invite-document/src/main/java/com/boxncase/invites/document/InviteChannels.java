package com.boxncase.invites.document;

import com.boxncase.invites.contracts.Channel;
import java.util.List;

/**
 * The channels an invite is delivered on: those the store asks for that the invite can use. SMS needs a phone,
 * so an invite without one goes by email only, on creation, resend and reminder alike.
 */
public final class InviteChannels {

    private InviteChannels() {}

    public static List<Channel> of(List<Channel> wanted, String phone) {
        boolean hasPhone = phone != null && !phone.isBlank();
        return wanted.stream()
                .filter(channel -> channel != Channel.SMS || hasPhone)
                .distinct()
                .toList();
    }
}
