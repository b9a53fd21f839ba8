package com.boxncase.invites.api.console;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The admin console ({@code invites.console.*}): who may embed it, and how the standalone page signs in.
 *
 * @param allowedOrigins origins (scheme, host and port, e.g. {@code https://admin.platform.example}) whose
 *     pages may embed the console component and call the API from the browser (CORS); default none
 * @param oidc sign-in of the standalone console at {@code /admin} in production
 * @param localTokenTtl lifetime of the tokens the local sign-in page mints ({@code local} profile only)
 */
@Validated
@ConfigurationProperties("invites.console")
public record ConsoleProperties(
        @DefaultValue
        List<
                        @Pattern(
                                regexp = "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?",
                                message = "must be an origin such as https://admin.example.com (no path, no '*')")
                        String>
                allowedOrigins,

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
