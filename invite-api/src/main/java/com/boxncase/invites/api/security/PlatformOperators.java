package com.boxncase.invites.api.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * Recognises platform operators: a token whose configured claim ({@code platform_roles} by default, a string or a
 * list) holds the operator role gets authority {@link #AUTHORITY} beside its {@code SCOPE_*} authorities. Store
 * admins' tokens never carry that claim, so no scope a store admin holds reaches another store's data through the
 * operations endpoints.
 */
final class PlatformOperators {

    static final String AUTHORITY = "PLATFORM_OPERATOR";

    private final OpsProperties properties;

    PlatformOperators(OpsProperties properties) {
        this.properties = properties;
    }

    Converter<Jwt, AbstractAuthenticationToken> authenticationConverter() {
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Collection<GrantedAuthority> authorities = new ArrayList<>(scopes.convert(jwt));
            if (isOperator(jwt)) {
                authorities.add(new SimpleGrantedAuthority(AUTHORITY));
            }
            return authorities;
        });
        return converter;
    }

    boolean isOperator(Jwt jwt) {
        Object roles = jwt.getClaim(properties.claim());
        if (roles instanceof String role) {
            return List.of(role.split(" ")).contains(properties.role());
        }
        if (roles instanceof Collection<?> list) {
            return list.stream().anyMatch(properties.role()::equals);
        }
        return false;
    }
}
