package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.settings.StoreSettings;
import com.boxncase.invites.api.settings.StoreSettingsService;
import com.boxncase.invites.api.user.AdminUser;
import com.boxncase.invites.api.user.AdminUsers;
import com.boxncase.invites.contracts.Actor;
import com.boxncase.invites.contracts.InviteEvent;
import com.boxncase.invites.contracts.InviteLinks;
import com.boxncase.invites.templates.Locales;
import com.boxncase.invites.templates.RoleCatalog;
import com.boxncase.invites.templates.RoleText;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * What the invitee does with the link: look at the invitation (which must not consume it: mail scanners
 * open links) and accept it, exactly once even under concurrent requests.
 */
@Service
class AcceptanceService {

    private static final int MAX_TOKEN_LENGTH = 128;

    private final Invites invites;
    private final InviteMessages messages;
    private final InviteLinks links;
    private final StoreSettingsService storeSettings;
    private final AdminUsers adminUsers;
    private final RoleCatalog roles;
    private final Clock clock;

    AcceptanceService(
            Invites invites,
            InviteMessages messages,
            InviteLinks links,
            StoreSettingsService storeSettings,
            AdminUsers adminUsers,
            RoleCatalog roles,
            Clock clock) {
        this.invites = invites;
        this.messages = messages;
        this.links = links;
        this.storeSettings = storeSettings;
        this.adminUsers = adminUsers;
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
        StoreSettings store = storeSettings.settingsOf(invite.storeId());
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

    AdminUser accept(String token, String name) {
        for (int attempt = 1; ; attempt++) {
            Instant now = now();
            Invite invite = usableInvite(token, now);
            invite.accept(name, now);
            messages.event(
                    invite,
                    InviteEvent.Type.ACCEPTED,
                    new Actor("invitee:" + invite.id(), name),
                    Map.of("acceptedName", name),
                    now);
            try {
                Invite saved = invites.save(invite);
                messages.written(saved.id(), invite.addedMessages());
                AdminUser user = AdminUser.of(saved.id(), saved.storeId(), saved.email(), name, saved.role(), now);
                adminUsers.record(user);
                return user;
            } catch (OptimisticLockingFailureException concurrent) {
                if (attempt == 5) {
                    throw concurrent;
                }
                // Someone changed the invite meanwhile (maybe accepted it): read it again and re-check.
            }
        }
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
