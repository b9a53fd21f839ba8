package com.boxncase.invites.api.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the operations endpoints ({@code /api/v1/ops/**}): platform operators only, recognised by a claim
 * that store admins' tokens never carry ({@code invites.security.ops.*}). The {@code ops:read} / {@code ops:write}
 * scopes alone are not enough: dead letters hold every store's invitees.
 *
 * @param claim the token claim listing the holder's platform roles (a string or a list of strings)
 * @param role the value of that claim that makes the holder a platform operator
 */
@Validated
@ConfigurationProperties("invites.security.ops")
public record OpsProperties(
        @NotBlank @DefaultValue("platform_roles") String claim,
        @NotBlank @DefaultValue("operator") String role) {}
