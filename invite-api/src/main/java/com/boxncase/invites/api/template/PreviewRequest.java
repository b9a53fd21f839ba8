package com.boxncase.invites.api.template;

import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.templates.InviteModel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * Body of {@code POST .../preview}, all optional: a template to try instead of the one in use, and values
 * that replace the sample model's.
 */
record PreviewRequest(
        @Valid TemplateRequest template, @Valid Model model) {

    /** Values to show instead of {@link InviteModel#sample()}'s; null keeps the sample value. */
    record Model(
            @Size(max = 200) String storeName,
            @Size(max = 200) String inviterName,
            @Size(max = 254) String inviteeEmail,
            @Size(max = 50) String role,
            @Size(max = 2000) String acceptUrl,
            Instant expiresAt,
            @Size(max = 2000) String personalNote,
            NotifyReason reason) {

        InviteModel over(InviteModel sample) {
            return new InviteModel(
                    or(storeName, sample.storeName()),
                    or(inviterName, sample.inviterName()),
                    or(inviteeEmail, sample.inviteeEmail()),
                    or(role, sample.role()),
                    or(acceptUrl, sample.acceptUrl()),
                    expiresAt != null ? expiresAt : sample.expiresAt(),
                    or(personalNote, sample.personalNote()),
                    reason != null ? reason : sample.reason());
        }

        private static String or(String value, String sample) {
            return value != null ? value : sample;
        }
    }
}
