package com.boxncase.invites.notifier.template;

import com.boxncase.invites.contracts.NotifyInvite;
import com.boxncase.invites.templates.InviteModel;
import com.boxncase.invites.templates.RoleCatalog;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Builds the template model of a {@link NotifyInvite} command: the bridge from today's command, which still carries
 * the invite's fields, to the plain {@link InviteModel} the templates take. When the notifier reads those fields
 * from the invite document instead, this is the one class to replace; the role is named in the message's
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
    public InviteModel of(NotifyInvite command, String acceptUrl, List<String> locales) {
        NotifyInvite.StoreBranding store = command.store();
        return InviteModel.builder()
                .storeName(store == null ? null : store.storeName())
                .inviterName(
                        command.invitedBy() == null ? null : command.invitedBy().name())
                .inviteeEmail(command.email())
                .inviteePhone(command.phone())
                .role(roles.describe(command.role(), locales))
                .acceptUrl(acceptUrl)
                .expiresAt(command.expiresAt())
                .timeZone(store == null ? null : zone(store.timeZone()))
                .personalNote(command.personalNote())
                .kind(command.reason())
                .build();
    }

    /** The store's zone; an unknown one (invite-api validates them, so only a forged command) is UTC. */
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
