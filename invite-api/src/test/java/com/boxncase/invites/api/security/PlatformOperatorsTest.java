package com.boxncase.invites.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class PlatformOperatorsTest {

    private final PlatformOperators operators = new PlatformOperators(new OpsProperties("platform_roles", "operator"));

    @Test
    void theOperatorRoleInTheConfiguredClaimGrantsTheOperatorAuthorityBesideTheScopes() {
        assertThat(authorities(jwt().claim("platform_roles", List.of("auditor", "operator"))))
                .containsExactlyInAnyOrder("SCOPE_ops:read", PlatformOperators.AUTHORITY);
        assertThat(authorities(jwt().claim("platform_roles", "auditor operator")))
                .contains(PlatformOperators.AUTHORITY);
    }

    @Test
    void opsScopesWithoutTheOperatorRoleGrantOnlyTheScopes() {
        assertThat(authorities(jwt())).containsExactly("SCOPE_ops:read");
        assertThat(authorities(jwt().claim("platform_roles", List.of("store-admin"))))
                .containsExactly("SCOPE_ops:read");
        assertThat(authorities(jwt().claim("platform_roles", "operators"))).containsExactly("SCOPE_ops:read");
    }

    private List<String> authorities(Jwt.Builder jwt) {
        return operators.authenticationConverter().convert(jwt.build()).getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> !authority.startsWith("FACTOR_")) // Spring Security's own, per login method
                .toList();
    }

    private static Jwt.Builder jwt() {
        return Jwt.withTokenValue("t")
                .header("alg", "HS256")
                .subject("ops-1")
                .claim("scope", "ops:read")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
    }
}
