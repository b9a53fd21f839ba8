package com.boxncase.invites.api.console;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The admin console ({@code invites.console.*}): how the standalone page signs in. Which origins may embed the
 * component is the API's CORS setting, {@code invites.http.cors.allowed-origins}.
 *
 * @param oidc sign-in of the standalone console at {@code /admin} in production
 * @param localTokenTtl lifetime of the tokens the local sign-in page mints ({@code local} profile only)
 */
@Validated
@ConfigurationProperties("invites.console")
public record ConsoleProperties(
        @Valid @NotNull @DefaultValue Oidc oidc,
        @DefaultValue("1h") @NotNull Duration localTokenTtl) {

    /**
     * OpenID Connect, authorization code with PKCE, run by the page itself (a public client: no secret).
     *
     * @param issuer the issuer URL (its {@code /.well-known/openid-configuration} is read by the browser); unset:
     *     {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, whose tokens the API accepts anyway
     * @param clientId the console's client id at the issuer; sign-in by OIDC is on when this is set
     * @param scopes scopes asked for; the access token must carry the {@code stores} claim and the
     *     {@code invites:*} scopes the API checks
     */
    public record Oidc(
            URI issuer,
            String clientId,
            @DefaultValue("openid profile") @NotBlank String scopes) {

        public boolean enabled() {
            return clientId != null && !clientId.isBlank();
        }

        @AssertTrue(message = "must be an absolute http(s) URL")
        boolean isIssuerAbsolute() {
            return issuer == null
                    || (issuer.isAbsolute()
                            && ("https".equals(issuer.getScheme()) || "http".equals(issuer.getScheme())));
        }
    }
}
