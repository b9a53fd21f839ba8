package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.invite.InviteProblems.InviteLinkGone.Reason;
import com.boxncase.invites.api.settings.StoreSettingsService;
import com.boxncase.invites.api.user.AdminUser;
import com.boxncase.invites.api.web.ProblemException;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
    private final ReplacedLinks replacedLinks;
    private final InviteMessages messages;
    private final InviteLinks links;
    private final StoreSettingsService storeSettings;
    private final RoleCatalog roles;
    private final Clock clock;

    AcceptanceService(
            Invites invites,
            ReplacedLinks replacedLinks,
            InviteMessages messages,
            InviteLinks links,
            StoreSettingsService storeSettings,
            RoleCatalog roles,
            Clock clock) {
        this.invites = invites;
        this.replacedLinks = replacedLinks;
        this.messages = messages;
        this.links = links;
        this.storeSettings = storeSettings;
        this.roles = roles;
        this.clock = clock;
    }

    /**
     * What the invitee sees before accepting: the role by its name and description in the invite's language
     * (never only its code), the store's time zone to show the expiry in, the invitation's language ({@code locale},
     * a language tag) for the page, and where to continue after accepting ({@code signInUrl}, null for nowhere).
     */
    record Invitation(
            String storeId,
            String storeName,
            String email,
            String role,
            String roleName,
            String roleDescription,
            Instant expiresAt,
            String timeZone,
            String locale,
            String signInUrl) {}

    Invitation preview(String token) {
        Invite invite = usableInvite(token, now());
        StoreStamp store = storeOf(invite);
        RoleText role = roles.describe(invite.role(), Locales.candidates(invite.locale(), store.defaultLocale()));
        return new Invitation(
                invite.storeId(),
                store.storeName(),
                invite.email(),
                invite.role(),
                role.name(),
                role.description(),
                invite.expiresAt(),
                store.timeZone(),
                languageOf(invite, store),
                signInUrlOf(invite, store));
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
        String tokenHash = InviteLinks.hash(token);
        Invite invite = invites.findByTokenHash(tokenHash)
                .filter(found -> links.matches(token, found.id(), found.link().linkId()))
                .orElseThrow(() -> replacedOrUnknown(tokenHash));
        return switch (invite.statusAt(now)) {
            case PENDING -> invite;
            case EXPIRED -> throw gone(Reason.EXPIRED, invite);
            case REVOKED -> throw gone(Reason.REVOKED, invite);
            case ACCEPTED -> throw gone(Reason.ACCEPTED, invite);
        };
    }

    /**
     * A token no live link has: REPLACED when a resend replaced it (one read by {@code _id}, only on this path),
     * unless its invite has ended since, whose state is then what helps the invitee most (accepted: sign in;
     * revoked: nothing to use); otherwise unknown.
     */
    private ProblemException replacedOrUnknown(String tokenHash) {
        Optional<ReplacedLinks.ReplacedLink> replaced = replacedLinks.find(tokenHash);
        if (replaced.isEmpty()) {
            return new InviteProblems.InviteLinkUnknown();
        }
        Optional<Invite> invite = invites.findById(replaced.get().inviteId());
        if (invite.isEmpty()) {
            return new InviteProblems.InviteLinkGone(Reason.REPLACED, null, null, null);
        }
        return switch (invite.get().status()) {
            case ACCEPTED -> gone(Reason.ACCEPTED, invite.get());
            case REVOKED -> gone(Reason.REVOKED, invite.get());
            case PENDING, EXPIRED -> gone(Reason.REPLACED, invite.get());
        };
    }

    private InviteProblems.InviteLinkGone gone(Reason reason, Invite invite) {
        StoreStamp store = storeOf(invite);
        return new InviteProblems.InviteLinkGone(
                reason,
                store.storeName(),
                languageOf(invite, store),
                reason == Reason.ACCEPTED ? signInUrlOf(invite, store) : null);
    }

    /** The store as the invitation showed it (stamped on the invite); invites from before stamping: as it is now. */
    private StoreStamp storeOf(Invite invite) {
        return invite.store() != null
                ? invite.store()
                : storeSettings.settingsOf(invite.storeId()).stamp();
    }

    /** The invitation's language as a tag ({@code de}, {@code de-AT}): the invitee's, else the store's default. */
    private static String languageOf(Invite invite, StoreStamp store) {
        Locale locale = Locales.parse(invite.locale());
        if (locale == null) {
            locale = Locales.parse(store.defaultLocale());
        }
        return locale == null ? Locales.FALLBACK : locale.toLanguageTag();
    }

    /**
     * Where the invitee continues: the sign-in URL stamped with the invitation, else the store's current one (a
     * store that sets one later helps those who accepted before, and invites from before the setting existed).
     */
    private String signInUrlOf(Invite invite, StoreStamp store) {
        if (store.signInUrl() != null && !store.signInUrl().isBlank()) {
            return store.signInUrl();
        }
        return storeSettings.settingsOf(invite.storeId()).signInUrl();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
