package com.boxncase.invites.api.template;

import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.templates.InviteModel;
import com.boxncase.invites.templates.RoleCatalog;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Locale;

/**
 * Body of {@code POST .../preview}, all optional: a template to try instead of the one in use, and values
 * that replace the sample model's.
 */
record PreviewRequest(
        @Valid TemplateRequest template, @Valid Model model) {

    /**
     * Values to show instead of {@link InviteModel#sample()}'s; null keeps the sample value. {@code role} is a role
     * code, shown by its name in the preview's language; {@code reason} is the kind of message to preview where
     * the path names none.
     */
    record Model(
            @Size(max = 200) String storeName,
            @Size(max = 200) String inviterName,
            @Size(max = 254) String inviteeEmail,
            @Size(max = 50) String role,
            @Size(max = 2000) String acceptUrl,
            Instant expiresAt,
            @Size(max = 2000) String personalNote,
            NotifyReason reason) {

        InviteModel.Builder over(InviteModel.Builder sample, RoleCatalog roles, Locale locale) {
            InviteModel.Builder model = sample;
            if (storeName != null) {
                model = model.storeName(storeName);
            }
            if (inviterName != null) {
                model = model.inviterName(inviterName);
            }
            if (inviteeEmail != null) {
                model = model.inviteeEmail(inviteeEmail);
            }
            if (role != null) {
                model = model.role(roles.describe(role, locale));
            }
            if (acceptUrl != null) {
                model = model.acceptUrl(acceptUrl);
            }
            if (expiresAt != null) {
                model = model.expiresAt(expiresAt);
            }
            if (personalNote != null) {
                model = model.personalNote(personalNote);
            }
            return model;
        }
    }
}
