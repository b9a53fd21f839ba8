package com.boxncase.invites.api.invite;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /stores/{storeId}/invites}, and one row of a bulk request or a CSV import. Judged by
 * {@link NewInvites} (these annotations, then the role, phone and channel rules that need the configuration).
 */
public record CreateInviteRequest(
        @NotBlank @Size(max = 254) @Pattern(regexp = EmailAddresses.PATTERN, message = "must be a single email address")
        String email,

        @Size(max = 32) String phone,
        @Size(max = 40) String role,

        @Pattern(regexp = "[a-z]{2}(-[A-Z]{2})?", message = "must be a language tag such as en or de-DE")
        String locale,

        @Size(max = 1000) @Pattern(regexp = "[\\P{Cntrl}\\n\\r\\t]*", message = "must not contain control characters")
        String message,

        @Min(1) @Max(30) Integer expiresInDays) {}
