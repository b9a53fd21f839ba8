package com.boxncase.invites.api.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** How the standalone console signs in, from the settings alone. */
class ConsoleSignInTest {

    @Test
    void oidcWithAClientIdUsesTheConfiguredIssuerAndItsOriginJoinsTheContentSecurityPolicy() {
        ConsoleSignIn signIn = new ConsoleSignIn(
                properties(new ConsoleProperties.Oidc(
                        URI.create("https://id.example.com/realms/shop"), "console", "openid")),
                new MockEnvironment());

        assertThat(signIn.mode()).isEqualTo(ConsoleSignIn.Mode.OIDC);
        assertThat(signIn.config().oidc().issuer()).isEqualTo("https://id.example.com/realms/shop");
        assertThat(signIn.config().oidc().clientId()).isEqualTo("console");
        assertThat(ConsoleSecurity.contentSecurityPolicy(signIn.issuerOrigin()))
                .contains("connect-src 'self' https://id.example.com;")
                .contains("script-src 'self';")
                .contains("frame-ancestors 'none'");
    }

    @Test
    void oidcFallsBackToTheIssuerWhoseTokensTheApiAccepts() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://login.example.org:8443");

        ConsoleSignIn signIn =
                new ConsoleSignIn(properties(new ConsoleProperties.Oidc(null, "console", "openid")), environment);

        assertThat(signIn.config().oidc().issuer()).isEqualTo("https://login.example.org:8443");
        assertThat(signIn.issuerOrigin()).hasToString("https://login.example.org:8443");
    }

    @Test
    void aClientIdWithoutAnyIssuerStopsStartUpNamingTheSettings() {
        assertThatThrownBy(() -> new ConsoleSignIn(
                        properties(new ConsoleProperties.Oidc(null, "console", "openid")), new MockEnvironment()))
                .hasMessageContaining("invites.console.oidc.issuer");
    }

    @Test
    void localProfileWithoutOidcOffersTheLocalSignInPage() {
        MockEnvironment local = new MockEnvironment();
        local.setActiveProfiles("local");

        ConsoleSignIn signIn = new ConsoleSignIn(properties(new ConsoleProperties.Oidc(null, null, "openid")), local);

        assertThat(signIn.mode()).isEqualTo(ConsoleSignIn.Mode.LOCAL);
        assertThat(signIn.config().oidc()).isNull();
        assertThat(ConsoleSecurity.contentSecurityPolicy(signIn.issuerOrigin())).contains("connect-src 'self';");
    }

    @Test
    void withoutOidcOutsideTheLocalProfileTheConsoleCannotSignIn() {
        ConsoleSignIn signIn =
                new ConsoleSignIn(properties(new ConsoleProperties.Oidc(null, null, "openid")), new MockEnvironment());

        assertThat(signIn.mode()).isEqualTo(ConsoleSignIn.Mode.NONE);
    }

    private static ConsoleProperties properties(ConsoleProperties.Oidc oidc) {
        return new ConsoleProperties(oidc, Duration.ofHours(1));
    }
}
