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

    /** The published development key: invites.security.jwt.hmac-secret of the local profile. */
    public static final String SECRET = "local-dev-jwt-secret-change-me-0123456789abcdef";

    private TestTokens() {}

    public static String admin(String storeId) {
        return token("admin-1", "Ada Admin", List.of(storeId), "invites:read invites:write", SECRET);
    }

    /** A platform operator: the operator claim and the given ops scopes, no stores. */
    public static String operator(String subject, String scope) {
        return sign(claims(subject, "Olga Operator", List.of(), scope)
                .claim("platform_roles", List.of("operator"))
                .build());
    }

    public static String token(String subject, String name, List<String> stores, String scope, String secret) {
        return sign(claims(subject, name, stores, scope).build(), secret);
    }

    /** The usual claims ({@code sub}, {@code name}, {@code stores}, {@code scope}, {@code iat}, {@code exp}) to add to. */
    public static JWTClaimsSet.Builder claims(String subject, String name, List<String> stores, String scope) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("name", name)
                .claim("stores", stores)
                .claim("scope", scope)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
    }

    public static String sign(JWTClaimsSet claims) {
        return sign(claims, SECRET);
    }

    public static String sign(JWTClaimsSet claims, String secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
