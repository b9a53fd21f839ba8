package com.boxncase.invites.api.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How bearer tokens are verified ({@code invites.security.jwt.*}). Every token must carry {@code exp}; {@code exp},
 * {@code nbf} and {@code iat} are checked with {@code clockSkew}; issuer and audience when set here.
 *
 * @param hmacSecret HS256 key, used only when no issuer is configured
 *     ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} / {@code jwk-set-uri}); outside the {@code local}
 *     profile it must be a private value (see service-support's {@code FailClosedSettings})
 * @param clockSkew tolerance between this server's clock and the token issuer's
 * @param issuer when set, the {@code iss} every token must carry
 * @param audiences when set, every token's {@code aud} must name one of them
 */
@Validated
@ConfigurationProperties("invites.security.jwt")
public record JwtProperties(
        @Size(min = 32, message = "must be at least 32 bytes")
        String hmacSecret,

        @NotNull @DurationMax(minutes = 5) @DefaultValue("30s")
        Duration clockSkew,

        String issuer,
        @NotNull @DefaultValue List<String> audiences) {

    @Override
    public String toString() {
        return "JwtProperties[hmacSecret=" + (hmacSecret == null ? "unset" : "****") + ", clockSkew=" + clockSkew
                + ", issuer=" + issuer + ", audiences=" + audiences + "]";
    }
}
