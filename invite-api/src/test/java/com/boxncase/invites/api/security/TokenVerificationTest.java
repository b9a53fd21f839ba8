package com.boxncase.invites.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxncase.invites.api.support.TestTokens;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * The token rules, on the decoder the application really uses (the HS256 one wrapped in the verified-token cache):
 * {@code exp} required, {@code nbf}/{@code iat} with a small skew, issuer and audience when configured.
 */
class TokenVerificationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(JwtProperties.class)
    @Import(TokenVerification.class)
    static class Verification {}

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Verification.class)
            .withPropertyValues(
                    "invites.security.jwt.hmac-secret=" + TestTokens.SECRET, "invites.security.jwt.clock-skew=30s");

    @Test
    void aTokenWithoutExpiryIsRefusedEvenThoughItsSignatureIsGood() {
        context.run(app -> {
            JwtDecoder decoder = app.getBean(JwtDecoder.class);
            assertThat(decoder).isInstanceOf(CachingJwtDecoder.class);
            String forever = token(claims -> claims.expirationTime(null));
            assertThatThrownBy(() -> decoder.decode(forever))
                    .isInstanceOf(JwtValidationException.class)
                    .hasMessageContaining("exp");
            // and the refusal is not remembered as anything else by the cache in front of the decoder
            assertThatThrownBy(() -> decoder.decode(forever)).isInstanceOf(JwtValidationException.class);
        });
    }

    @Test
    void expiryAndNotBeforeAreHonouredWithinTheConfiguredSkewOnly() {
        context.run(app -> {
            JwtDecoder decoder = app.getBean(JwtDecoder.class);
            Instant now = Instant.now();
            assertThat(decoder.decode(token(claims -> claims.issueTime(Date.from(now.minusSeconds(600)))
                            .expirationTime(Date.from(now.minusSeconds(10))))))
                    .isNotNull();
            assertThatThrownBy(() -> decoder.decode(token(claims -> claims.issueTime(Date.from(now.minusSeconds(600)))
                            .expirationTime(Date.from(now.minusSeconds(90))))))
                    .isInstanceOf(JwtValidationException.class);
            assertThatThrownBy(
                            () -> decoder.decode(token(claims -> claims.notBeforeTime(Date.from(now.plusSeconds(90))))))
                    .isInstanceOf(JwtValidationException.class);
        });
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        context.run(app -> {
            JwtDecoder decoder = app.getBean(JwtDecoder.class);
            String fromTheFuture =
                    token(claims -> claims.issueTime(Date.from(Instant.now().plusSeconds(300)))
                            .expirationTime(Date.from(Instant.now().plusSeconds(900))));
            assertThatThrownBy(() -> decoder.decode(fromTheFuture)).isInstanceOf(JwtValidationException.class);
        });
    }

    @Test
    void issuerAndAudienceAreCheckedWhenConfigured() {
        context.withPropertyValues(
                        "invites.security.jwt.issuer=https://id.boxncase.example",
                        "invites.security.jwt.audiences=invites-api,invites-admin")
                .run(app -> {
                    JwtDecoder decoder = app.getBean(JwtDecoder.class);
                    String good = token(claims ->
                            claims.issuer("https://id.boxncase.example").audience(List.of("billing", "invites-api")));
                    assertThat(decoder.decode(good).getSubject()).isEqualTo("admin-1");

                    String otherIssuer = token(
                            claims -> claims.issuer("https://evil.example").audience("invites-api"));
                    String otherAudience = token(claims ->
                            claims.issuer("https://id.boxncase.example").audience("billing"));
                    String noAudience = token(claims -> claims.issuer("https://id.boxncase.example"));
                    for (String refused : List.of(otherIssuer, otherAudience, noAudience)) {
                        assertThatThrownBy(() -> decoder.decode(refused)).isInstanceOf(JwtValidationException.class);
                    }
                });
    }

    @Test
    void anOperatorsTokenIsAnOrdinaryTokenToTheDecoder() {
        context.run(app -> assertThat(app.getBean(JwtDecoder.class)
                        .decode(TestTokens.operator("ops-1", "ops:read"))
                        .getClaimAsStringList("platform_roles"))
                .containsExactly("operator"));
    }

    @Test
    void withoutIssuerOrAudienceConfiguredTokensNeedNeither() {
        context.run(app -> assertThat(app.getBean(JwtDecoder.class)
                        .decode(token(UnaryOperator.identity()))
                        .getSubject())
                .isEqualTo("admin-1"));
    }

    @Test
    void aSkewOfMoreThanFiveMinutesIsNotASetting() {
        context.withPropertyValues("invites.security.jwt.clock-skew=1h")
                .run(app -> assertThat(app).hasFailed());
    }

    private static String token(UnaryOperator<JWTClaimsSet.Builder> change) {
        return TestTokens.sign(change.apply(TestTokens.claims("admin-1", "Ada", List.of("store-1"), "invites:read"))
                .build());
    }
}
