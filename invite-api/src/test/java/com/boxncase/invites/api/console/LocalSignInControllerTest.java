package com.boxncase.invites.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxncase.invites.api.security.JwtProperties;
import com.boxncase.invites.api.security.OpsProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The local sign-in page mints the same tokens as ./mint-token, signed with the development secret. */
class LocalSignInControllerTest {

    private static final String SECRET = "local-dev-jwt-secret-change-me-0123456789abcdef";
    private final Instant now = Instant.now();
    private final LocalSignInController controller = new LocalSignInController(
            new JwtProperties(SECRET, Duration.ofSeconds(30), null, List.of()),
            new OpsProperties("platform_roles", "operator"),
            new ConsoleProperties(new ConsoleProperties.Oidc(null, null, "openid"), Duration.ofMinutes(30)),
            Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void mintedTokenNamesThePickedStoresAndStoreAdminScopesAndExpires() {
        LocalSignInController.LocalToken minted = controller.signIn(new LocalSignInController.LocalSignIn(
                " Grace Hopper ", List.of("store-1", "store-2", "store-1"), false));

        Jwt jwt = decoder(SECRET).decode(minted.token());
        assertThat(jwt.getClaimAsStringList("stores")).containsExactly("store-1", "store-2");
        assertThat(jwt.getClaimAsString("scope")).isEqualTo("invites:read invites:write");
        assertThat(jwt.getClaimAsString("name")).isEqualTo("Grace Hopper");
        assertThat(jwt.getSubject()).isEqualTo("local-grace-hopper");
        assertThat(jwt.getExpiresAt()).isEqualTo(minted.expiresAt());
        assertThat(Duration.between(now, minted.expiresAt())).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30));
    }

    @Test
    void operationsAddTheOpsScopesAndThePlatformOperatorRole() {
        LocalSignInController.LocalToken minted =
                controller.signIn(new LocalSignInController.LocalSignIn("Otto", List.of("store-1"), true));

        Jwt jwt = decoder(SECRET).decode(minted.token());
        assertThat(jwt.getClaimAsString("scope")).isEqualTo("invites:read invites:write ops:read ops:write");
        assertThat(jwt.getClaimAsStringList("platform_roles")).containsExactly("operator");
    }

    @Test
    void aStoreAdminsTokenCarriesNoPlatformRole() {
        LocalSignInController.LocalToken minted =
                controller.signIn(new LocalSignInController.LocalSignIn("Otto", List.of("store-1"), false));

        assertThat(decoder(SECRET).decode(minted.token()).hasClaim("platform_roles"))
                .isFalse();
    }

    @Test
    void tokenIsRefusedWhereAnotherSecretIsConfigured() {
        LocalSignInController.LocalToken minted =
                controller.signIn(new LocalSignInController.LocalSignIn("Otto", List.of("store-1"), false));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> decoder("another-secret-of-at-least-32-bytes-0123456789")
                                .decode(minted.token()))
                .isInstanceOf(JwtException.class);
    }

    private static NimbusJwtDecoder decoder(String secret) {
        return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
    }
}
