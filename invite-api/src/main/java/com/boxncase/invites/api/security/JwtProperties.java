package com.boxncase.invites.api.security;

import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param hmacSecret HS256 key for locally minted tokens; used only when no issuer is configured
 *     ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} / {@code jwk-set-uri})
 */
@Validated
@ConfigurationProperties("invites.security.jwt")
public record JwtProperties(
        @Size(min = 32, message = "must be at least 32 bytes")
        String hmacSecret) {}
