package com.boxncase.invites.api.security;

import com.boxncase.invites.contracts.Actor;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The authenticated admin, read from the JWT: {@code sub}, optional {@code name}, and the {@code stores}
 * they administer.
 */
public record Caller(String id, String name, List<String> stores) {

    public static Caller of(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new IllegalStateException("expected a JWT-authenticated request");
        }
        Jwt jwt = token.getToken();
        List<String> stores = jwt.hasClaim("stores") ? jwt.getClaimAsStringList("stores") : List.of();
        return new Caller(jwt.getSubject(), jwt.getClaimAsString("name"), stores == null ? List.of() : stores);
    }

    public boolean administers(String storeId) {
        return stores.contains(storeId);
    }

    public Actor actor() {
        return new Actor(id, name);
    }
}
