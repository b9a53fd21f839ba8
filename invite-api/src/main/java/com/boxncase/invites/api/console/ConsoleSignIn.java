package com.boxncase.invites.api.console;

import java.net.URI;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * How the standalone console signs in, decided once at start-up: OpenID Connect when a client id is
 * configured, else the local sign-in page in the {@code local} profile, else not at all (the page says what to
 * configure; the embedded component is handed its token by the host page and needs none of this).
 */
@Component
class ConsoleSignIn {

    enum Mode {
        OIDC,
        LOCAL,
        NONE
    }

    private final Mode mode;
    private final URI issuer;
    private final ConsoleProperties.Oidc oidc;

    ConsoleSignIn(ConsoleProperties properties, Environment environment) {
        this.oidc = properties.oidc();
        String resourceServerIssuer = environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
        this.issuer = oidc.issuer() != null
                ? oidc.issuer()
                : resourceServerIssuer == null || resourceServerIssuer.isBlank()
                        ? null
                        : URI.create(resourceServerIssuer);
        if (oidc.enabled()) {
            if (issuer == null) {
                throw new IllegalStateException("invites.console.oidc.client-id is set but there is no issuer:"
                        + " set invites.console.oidc.issuer or spring.security.oauth2.resourceserver.jwt.issuer-uri");
            }
            this.mode = Mode.OIDC;
        } else if (environment.acceptsProfiles(Profiles.of("local"))) {
            this.mode = Mode.LOCAL;
        } else {
            this.mode = Mode.NONE;
        }
    }

    Mode mode() {
        return mode;
    }

    /** What the page needs to know: the mode and, for OIDC, the issuer, client id and scopes. */
    Config config() {
        return mode == Mode.OIDC
                ? new Config(mode, new Config.Oidc(issuer.toString(), oidc.clientId(), oidc.scopes()))
                : new Config(mode, null);
    }

    /** The issuer's origin, which the page's CSP must let it call (discovery, token endpoint); null without OIDC. */
    URI issuerOrigin() {
        if (mode != Mode.OIDC) {
            return null;
        }
        return URI.create(issuer.getScheme() + "://" + issuer.getRawAuthority());
    }

    record Config(Mode signIn, Oidc oidc) {
        record Oidc(String issuer, String clientId, String scopes) {}
    }
}
