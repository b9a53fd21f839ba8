package com.boxncase.invites.api.security;

import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** Grants {@code /stores/{storeId}/**} only to callers whose {@code stores} claim names that store. */
final class StoreAccess implements AuthorizationManager<RequestAuthorizationContext> {

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication current = authentication.get();
        if (!(current instanceof JwtAuthenticationToken)) {
            return new AuthorizationDecision(false);
        }
        String storeId = context.getVariables().get("storeId");
        return new AuthorizationDecision(storeId != null && Caller.of(current).administers(storeId));
    }
}
