package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.settings.StoreSettingsService;
import com.boxncase.invites.api.user.AdminUser;
import com.boxncase.invites.contracts.Actor;
import com.boxncase.invites.contracts.InviteEvent;
import com.boxncase.invites.contracts.InviteLinks;
import com.boxncase.invites.document.StoreStamp;
import com.boxncase.invites.templates.Locales;
import com.boxncase.invites.templates.RoleCatalog;
import com.boxncase.invites.templates.RoleText;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * What the invitee does with the link: look at the invitation (which must not consume it: mail scanners
 * open links) and accept it, exactly once even under concurrent requests. The accepted invite is the admin
 * user's record: the acceptance is one write of the invite, so no crash can leave one without the other, and
 * no message on a topic can create an admin user.
 */
@Service
class AcceptanceService {

    private static final int MAX_TOKEN_LENGTH = 128;

    private final Invites invites;
    private final InviteMessages messages;
    private final InviteLinks links;
    private final StoreSettingsService storeSettings;
    private final RoleCatalog roles;
    private final Clock clock;

    AcceptanceService(
            Invites invites,
            InviteMessages messages,
            InviteLinks links,
            StoreSettingsService storeSettings,
            RoleCatalog roles,
            Clock clock) {
        this.invites = invites;
        this.messages = messages;
        this.links = links;
        this.storeSettings = storeSettings;
        this.roles = roles;
        this.clock = clock;
    }

    /**
     * What the invitee sees before accepting: the role by its name and description in the invite's language
     * (never only its code), and the store's time zone to show the expiry in.
     */
    record Invitation(
            String storeId,
            String storeName,
            String email,
            String role,
            String roleName,
            String roleDescription,
            Instant expiresAt,
            String timeZone) {}

    Invitation preview(String token) {
        Invite invite = usableInvite(token, now());
        // the store as the invitation showed it (stamped on the invite); invites from before stamping: as it is now
        StoreStamp store = invite.store() != null
                ? invite.store()
                : storeSettings.settingsOf(invite.storeId()).stamp();
        RoleText role = roles.describe(invite.role(), Locales.candidates(invite.locale(), store.defaultLocale()));
        return new Invitation(
                invite.storeId(),
                store.storeName(),
                invite.email(),
                invite.role(),
                role.name(),
                role.description(),
                invite.expiresAt(),
                store.timeZone());
    }

    /** Accepts; a concurrent change (maybe another accept) makes the write retry, and the re-check refuse. */
    AdminUser accept(String token, String name) {
        Invite accepted = invites.change(() -> usableInvite(token, now()), invite -> {
            Instant now = now();
            invite.accept(name, now);
            messages.event(
                    invite,
                    InviteEvent.Type.ACCEPTED,
                    new Actor("invitee:" + invite.id(), name),
                    Map.of("acceptedName", name),
                    now);
            return true;
        });
        return AdminUser.of(
                accepted.id(),
                accepted.storeId(),
                accepted.email(),
                name,
                accepted.role(),
                accepted.acceptance().acceptedAt());
    }

    private Invite usableInvite(String token, Instant now) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            throw new InviteProblems.InviteLinkUnknown();
        }
        Invite invite = invites.findByTokenHash(InviteLinks.hash(token))
                .filter(found -> links.matches(token, found.id(), found.link().linkId()))
                .orElseThrow(InviteProblems.InviteLinkUnknown::new);
        return switch (invite.statusAt(now)) {
            case PENDING -> invite;
            case EXPIRED ->
                throw new InviteProblems.InviteLinkGone(
                        "EXPIRED", "This invitation has expired. Ask the store's admin to resend it.");
            case REVOKED -> throw new InviteProblems.InviteLinkGone("REVOKED", "This invitation was withdrawn.");
            case ACCEPTED ->
                throw new InviteProblems.InviteLinkGone("ACCEPTED", "This invitation has already been accepted.");
        };
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
