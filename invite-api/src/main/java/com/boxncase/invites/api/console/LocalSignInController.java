package com.boxncase.invites.api.console;

import com.boxncase.invites.api.security.JwtProperties;
import com.boxncase.invites.api.security.OpsProperties;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local sign-in page's back end: mints an HS256 token for the stores the developer picks, signed with the
 * development secret ({@code invites.security.jwt.hmac-secret}), as {@code ./mint-token} does. It exists only
 * in the {@code local} profile; anywhere else {@code POST /admin/local-sign-in} is 404.
 */
@RestController
@Profile("local")
class LocalSignInController {

    private static final String STORE_ADMIN_SCOPES = "invites:read invites:write";
    private static final String OPERATOR_SCOPES = "ops:read ops:write";

    private final JwtProperties jwt;
    private final OpsProperties ops;
    private final ConsoleProperties properties;
    private final Clock clock;

    LocalSignInController(JwtProperties jwt, OpsProperties ops, ConsoleProperties properties, Clock clock) {
        this.jwt = jwt;
        this.ops = ops;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/admin/local-sign-in")
    LocalToken signIn(@Valid @RequestBody LocalSignIn request) {
        if (jwt.hmacSecret() == null || jwt.hmacSecret().isBlank()) {
            throw new IllegalStateException("invites.security.jwt.hmac-secret is not set");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(properties.localTokenTtl());
        String name = request.name().strip();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject("local-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"))
                .claim("name", name)
                .claim("stores", request.stores().stream().distinct().toList())
                .claim(
                        "scope",
                        request.withOperations() ? STORE_ADMIN_SCOPES + " " + OPERATOR_SCOPES : STORE_ADMIN_SCOPES)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt));
        if (request.withOperations()) {
            // The ops scopes alone open nothing: the operations endpoints want a platform operator's claim too.
            claims.claim(ops.claim(), List.of(ops.role()));
        }
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            token.sign(new MACSigner(jwt.hmacSecret().getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign the local token", e);
        }
        return new LocalToken(token.serialize(), expiresAt);
    }

    /**
     * @param operations also make the holder a platform operator: the operations scopes ({@code ops:read ops:write})
     *     and the operator claim ({@code invites.security.ops.*})
     */
    record LocalSignIn(
            @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
            String name,

            @NotEmpty(message = "must name at least one store") @Size(max = 20, message = "must name at most 20 stores")
            List<
                            @Pattern(
                                    regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
                                    message = "must be store ids of letters, digits, '.', '_' or '-'")
                            String>
                    stores,

            Boolean operations) {

        boolean withOperations() {
            return Boolean.TRUE.equals(operations);
        }
    }

    record LocalToken(String token, Instant expiresAt) {}
}
