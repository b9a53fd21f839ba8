package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.InvitesProperties;
import com.boxncase.invites.api.security.Caller;
import com.boxncase.invites.api.settings.StoreSettings;
import com.boxncase.invites.api.web.InvalidField;
import com.boxncase.invites.api.web.InvalidRequest;
import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.InviteEvent;
import com.boxncase.invites.contracts.InviteLinks;
import com.boxncase.invites.document.InviteChannels;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The one way a new invite is judged and made, shared by the single create, the bulk create and CSV imports, so a
 * row of a bulk request is refused for exactly the reasons a single request would be: the request's annotations,
 * then the rules that need the configuration and the store's settings (role, phone, channels). Every reason is
 * reported at once, each naming its field.
 */
@Component
class NewInvites {

    /** The order in which a refused request lists its fields: the order of the request's own fields. */
    private static final List<String> FIELDS =
            List.of("storeId", "email", "phone", "role", "locale", "message", "expiresInDays");

    private final Validator validator;
    private final InviteMessages messages;
    private final InviteLinks links;
    private final InvitesProperties properties;

    NewInvites(Validator validator, InviteMessages messages, InviteLinks links, InvitesProperties properties) {
        this.validator = validator;
        this.messages = messages;
        this.links = links;
        this.properties = properties;
    }

    /**
     * What the admin asked for, validated and completed with the store's settings.
     *
     * @throws InvalidRequest naming every invalid field
     */
    Invite.Draft draft(CreateInviteRequest request, StoreSettings settings, Caller caller) {
        List<InvalidField.FieldError> errors = new ArrayList<>();
        Set<ConstraintViolation<CreateInviteRequest>> violations = validator.validate(request);
        for (ConstraintViolation<CreateInviteRequest> violation : violations) {
            errors.add(new InvalidField.FieldError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        if (request.role() == null || request.role().isBlank()) {
            errors.add(new InvalidField.FieldError("role", "is required; one of " + properties.roles()));
        } else if (!properties.roles().contains(request.role()) && !invalid(errors, "role")) {
            errors.add(new InvalidField.FieldError("role", "must be one of " + properties.roles()));
        }
        String phone = null;
        if (request.phone() != null && !request.phone().isBlank() && !invalid(errors, "phone")) {
            try {
                phone = PhoneNumbers.e164(request.phone());
            } catch (InvalidField e) {
                errors.addAll(e.errors());
            }
        }
        if (phone == null
                && !invalid(errors, "phone")
                && settings.channels().contains(Channel.SMS)
                && !settings.channels().contains(Channel.EMAIL)) {
            errors.add(new InvalidField.FieldError("phone", "is required: this store delivers invites by SMS"));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt((InvalidField.FieldError error) -> FIELDS.indexOf(error.field()))
                    .thenComparing(InvalidField.FieldError::reason));
            throw new InvalidRequest(errors);
        }
        return new Invite.Draft(
                request.email().trim(),
                phone,
                request.role(),
                request.locale() != null ? request.locale() : settings.defaultLocale(),
                request.message() == null || request.message().isBlank() ? null : request.message(),
                InviteChannels.of(settings.channels(), phone),
                request.expiresInDays() != null ? request.expiresInDays() : settings.inviteTtlDays(),
                caller.actor());
    }

    /**
     * A new invite with the command that delivers it and its CREATED event in its outbox, ready for
     * {@link Invites#insertAll} (a single create through {@link SharedInserts}).
     */
    Invite create(String inviteId, String storeId, Invite.Draft draft, StoreSettings settings, Instant now) {
        Invite invite = Invite.create(
                inviteId,
                storeId,
                draft,
                settings.stamp(),
                links,
                UUID.randomUUID().toString(),
                now);
        messages.notify(invite, now);
        messages.event(invite, InviteEvent.Type.CREATED, draft.invitedBy(), Map.of(), now);
        return invite;
    }

    private static boolean invalid(List<InvalidField.FieldError> errors, String field) {
        return errors.stream().anyMatch(error -> error.field().equals(field));
    }
}
