package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.InvitesProperties;
import com.boxncase.invites.api.audit.AuditTrail;
import com.boxncase.invites.api.security.Caller;
import com.boxncase.invites.api.settings.StoreSettings;
import com.boxncase.invites.api.settings.StoreSettingsService;
import com.boxncase.invites.api.web.InvalidField;
import com.boxncase.invites.contracts.InviteEvent;
import com.boxncase.invites.contracts.InviteLinks;
import com.boxncase.invites.document.InviteChannels;
import com.boxncase.invites.document.InviteStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * The admin's use cases on a store's invites. Each change is one conditional write of the invite document
 * carrying its outbox messages, through {@link Invites}' one write path.
 */
@Service
class InviteService {

    private static final Logger log = LoggerFactory.getLogger(InviteService.class);

    private final Invites invites;
    private final SharedInserts sharedInserts;
    private final ReplacedLinks replacedLinks;
    private final NewInvites newInvites;
    private final InviteMessages messages;
    private final IdempotencyKeys idempotencyKeys;
    private final StoreSettingsService storeSettings;
    private final AuditTrail audit;
    private final InviteLinks links;
    private final InvitesProperties properties;
    private final Clock clock;

    InviteService(
            Invites invites,
            SharedInserts sharedInserts,
            ReplacedLinks replacedLinks,
            NewInvites newInvites,
            InviteMessages messages,
            IdempotencyKeys idempotencyKeys,
            StoreSettingsService storeSettings,
            AuditTrail audit,
            InviteLinks links,
            InvitesProperties properties,
            Clock clock) {
        this.invites = invites;
        this.sharedInserts = sharedInserts;
        this.replacedLinks = replacedLinks;
        this.newInvites = newInvites;
        this.messages = messages;
        this.idempotencyKeys = idempotencyKeys;
        this.storeSettings = storeSettings;
        this.audit = audit;
        this.links = links;
        this.properties = properties;
        this.clock = clock;
    }

    Invite create(String storeId, CreateInviteRequest request, Caller caller, String idempotencyKey) {
        Instant now = now();
        StoreSettings settings = storeSettings.settingsOf(storeId);
        Invite.Draft draft = newInvites.draft(request, settings, caller);
        String inviteId = UUID.randomUUID().toString();
        if (idempotencyKey != null) {
            inviteId = idempotencyKeys.claim(
                    "create|" + storeId + "|" + caller.id(), idempotencyKey, request.toString(), inviteId, now);
            var earlier = invites.find(storeId, inviteId);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        InsertOutcome outcome = sharedInserts.insert(newInvites.create(inviteId, storeId, draft, settings, now));
        return switch (outcome.kind()) {
            // CREATED_BEFORE: a concurrent retry with the same Idempotency-Key won the race
            case INSERTED, CREATED_BEFORE -> outcome.invite();
            case OPEN_INVITE_EXISTS ->
                throw new InviteProblems.OpenInviteExists(
                        outcome.existingInviteId(), outcome.existingInviteCreatedAt());
            case NOT_STORED -> throw new InviteProblems.NotStored(outcome.error());
        };
    }

    InviteView.Page list(String storeId, String status, String emailPrefix, int limit, String cursor) {
        Set<InviteStatus> statuses = statuses(status);
        String prefix = emailPrefix(emailPrefix);
        List<Invite> page = invites.page(storeId, statuses, prefix, PageCursor.decode(cursor), limit + 1);
        Instant now = now();
        List<InviteView> items = new ArrayList<>();
        for (Invite invite : page.subList(0, Math.min(limit, page.size()))) {
            items.add(InviteView.of(invite, now));
        }
        String next = null;
        if (page.size() > limit) {
            Invite last = page.get(limit - 1);
            next = new PageCursor(last.createdAt(), last.id()).encode();
        }
        return new InviteView.Page(items, next);
    }

    Invite get(String storeId, String inviteId) {
        return invites.find(storeId, inviteId).orElseThrow(() -> new InviteProblems.InviteNotFound(inviteId));
    }

    Invite resend(String storeId, String inviteId, Caller caller, String idempotencyKey) {
        Instant now = now();
        String proposed = UUID.randomUUID().toString();
        String commandId = idempotencyKey == null
                ? proposed
                : idempotencyKeys.claim(
                        "resend|" + storeId + "|" + inviteId + "|" + caller.id(),
                        idempotencyKey,
                        "resend",
                        proposed,
                        now);
        // the link this resend replaces, as read by the attempt whose write succeeded (a retried write reads again)
        String[] replacedTokenHash = new String[1];
        Invite resent = invites.change(() -> get(storeId, inviteId), invite -> {
            replacedTokenHash[0] = null;
            if (commandId.equals(invite.commandId())) {
                return false; // this Idempotency-Key's resend already happened
            }
            refuseUnlessOpen(invite);
            Instant allowedAt = invite.resendAllowedAt(
                    properties.resend().maxPerWindow(), properties.resend().window(), now);
            if (allowedAt.isAfter(now)) {
                throw new InviteProblems.ResendLimitReached(allowedAt, now);
            }
            StoreSettings settings = storeSettings.settingsOf(storeId);
            replacedTokenHash[0] = invite.link() == null ? null : invite.link().tokenHash();
            invite.resend(
                    InviteChannels.of(settings.channels(), invite.phone()),
                    invite.ttlDays(),
                    settings.stamp(),
                    links,
                    commandId,
                    now);
            messages.notify(invite, now);
            messages.event(invite, InviteEvent.Type.RESENT, caller.actor(), Map.of("commandId", commandId), now);
            return true;
        });
        if (replacedTokenHash[0] != null) {
            rememberReplaced(replacedTokenHash[0], resent.id(), now);
        }
        return resent;
    }

    /**
     * After the resend is written: the old link answers "replaced" from now on. The resend has happened whatever
     * this write does, so its failure is logged, not answered (the old link is then only "not valid").
     */
    private void rememberReplaced(String tokenHash, String inviteId, Instant now) {
        try {
            replacedLinks.replaced(tokenHash, inviteId, now);
        } catch (DataAccessException e) {
            log.warn("Invite {} was resent, but its replaced link was not recorded: {}", inviteId, e.toString());
        }
    }

    /**
     * The live link, as the last notification carried it (with the accept page of the invite's own period).
     * Nothing is sent and the link does not change. The copy is audited directly: it changes no invite state,
     * so it adds nothing to the invite document, however often it is done.
     */
    InviteLink link(String storeId, String inviteId, Caller caller) {
        Invite invite = get(storeId, inviteId);
        refuseUnlessOpen(invite);
        Instant now = now();
        if (invite.statusAt(now) == InviteStatus.EXPIRED) {
            throw new InviteProblems.InviteExpired(inviteId);
        }
        String acceptUrlBase = invite.store() != null
                ? invite.store().acceptUrlBase()
                : storeSettings.settingsOf(storeId).acceptUrlBase();
        audit.record(new InviteEvent(
                InviteEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                InviteEvent.Type.LINK_COPIED,
                invite.id(),
                invite.storeId(),
                invite.email(),
                invite.role(),
                caller.actor(),
                Map.of(),
                now));
        return new InviteLink(
                links.url(acceptUrlBase, invite.id(), invite.link().linkId()), invite.expiresAt());
    }

    /** Delete: the invite is revoked at once, its link stops working, and nothing is sent. */
    void revoke(String storeId, String inviteId, Caller caller) {
        invites.change(() -> get(storeId, inviteId), invite -> {
            refuseUnlessOpen(invite);
            Instant now = now();
            invite.revoke(now);
            messages.event(invite, InviteEvent.Type.REVOKED, caller.actor(), Map.of(), now);
            return true;
        });
    }

    private static void refuseUnlessOpen(Invite invite) {
        if (invite.status() == InviteStatus.REVOKED) {
            throw new InviteProblems.InviteNotFound(invite.id());
        }
        if (invite.status() == InviteStatus.ACCEPTED) {
            throw new InviteProblems.InviteAlreadyAccepted(invite.id());
        }
    }

    /** The search prefix as stored emails are keyed (lower case), or null for no search. */
    private static String emailPrefix(String emailPrefix) {
        if (emailPrefix == null || emailPrefix.isBlank()) {
            return null;
        }
        if (emailPrefix.length() > 254) {
            throw new InvalidField("emailPrefix", "must be at most 254 characters");
        }
        if (emailPrefix.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidField("emailPrefix", "must not contain control characters");
        }
        return Invite.emailKey(emailPrefix.trim());
    }

    private static Set<InviteStatus> statuses(String status) {
        if (status == null || status.isBlank()) {
            return InviteStatus.OPEN;
        }
        if (status.equalsIgnoreCase("ALL")) {
            return EnumSet.allOf(InviteStatus.class);
        }
        Set<InviteStatus> statuses = EnumSet.noneOf(InviteStatus.class);
        for (String name : status.split(",")) {
            try {
                statuses.add(InviteStatus.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidField("status", "must be PENDING, EXPIRED, ACCEPTED, REVOKED or ALL");
            }
        }
        return statuses;
    }

    private Instant now() {
        // MongoDB keeps milliseconds; so do we, so that cursors and comparisons agree with stored values.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The invite link as "Copy invite link" returns it. */
    record InviteLink(String url, Instant expiresAt) {}
}
