package com.boxncase.invites.e2e;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** HS256 bearer tokens as {@code ./mint-token} mints them, signed with invite-api's local secret. */
final class Tokens {

    /** invite-api's {@code invites.security.jwt.hmac-secret} of its local profile (application-local.yml). */
    static final String SECRET = "local-dev-jwt-secret-change-me-0123456789abcdef";

    private Tokens() {}

    static String storeAdmin(String storeId) {
        return token("admin-e2e", "Erin Admin", List.of(storeId), "invites:read invites:write");
    }

    /** A platform operator: the ops scopes and the claim that store admins' tokens never carry. */
    static String operator() {
        return token(claims("operator-e2e", "Otto Operator", List.of(), "ops:read ops:write")
                .claim("platform_roles", List.of("operator"))
                .build());
    }

    private static String token(String subject, String name, List<String> stores, String scope) {
        return token(claims(subject, name, stores, scope).build());
    }

    private static JWTClaimsSet.Builder claims(String subject, String name, List<String> stores, String scope) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("name", name)
                .claim("stores", stores)
                .claim("scope", scope)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
    }

    private static String token(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
