package com.boxncase.invites.api.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Mints HS256 bearer tokens the way the local stack's tokens are minted. */
public final class TestTokens {

    /** Same as invites.security.jwt.hmac-secret in application.yml. */
    public static final String SECRET = "local-dev-jwt-secret-change-me-0123456789abcdef";

    private TestTokens() {}

    public static String admin(String storeId) {
        return token("admin-1", "Ada Admin", List.of(storeId), "invites:read invites:write", SECRET);
    }

    public static String token(String subject, String name, List<String> stores, String scope, String secret) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .subject(subject)
                    .claim("name", name)
                    .claim("stores", stores)
                    .claim("scope", scope)
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
