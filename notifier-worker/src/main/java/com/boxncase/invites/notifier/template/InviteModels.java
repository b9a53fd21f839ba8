package com.boxncase.invites.notifier.template;

import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.document.InviteSnapshot;
import com.boxncase.invites.document.StoreStamp;
import com.boxncase.invites.templates.InviteModel;
import com.boxncase.invites.templates.RoleCatalog;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Builds the template model of an invitation from the invite as stored (never from the command, which carries
 * ids only): the store's name, zone and sign-in page as stamped on the invite, the role named in the message's
 * language by the {@link RoleCatalog}.
 */
@Component
public class InviteModels {

    private final RoleCatalog roles;

    InviteModels(RoleCatalog roles) {
        this.roles = roles;
    }

    /**
     * @param acceptUrl carries the secret token and must never be logged
     * @param locales the locales the message is rendered in, most wanted first, so the role reads in the same one
     */
    public InviteModel of(InviteSnapshot invite, String acceptUrl, NotifyReason kind, List<String> locales) {
        StoreStamp store = invite.store();
        return InviteModel.builder()
                .storeName(store == null ? null : store.storeName())
                .inviterName(
                        invite.invitedBy() == null ? null : invite.invitedBy().name())
                .inviteeEmail(invite.email())
                .inviteePhone(invite.phone())
                .role(roles.describe(invite.role(), locales))
                .acceptUrl(acceptUrl)
                .expiresAt(invite.expiresAt())
                .timeZone(store == null ? null : zone(store.timeZone()))
                .personalNote(invite.message())
                .kind(kind)
                .signInUrl(store == null ? null : store.signInUrl())
                .build();
    }

    /** The store's zone; an unknown one (invite-api validates them) is shown as UTC. */
    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
