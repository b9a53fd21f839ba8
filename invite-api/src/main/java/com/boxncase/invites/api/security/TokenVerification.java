package com.boxncase.invites.api.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * How a bearer token is verified, whichever decoder is in use: the HS256 one below, or Boot's issuer / JWK set one,
 * which takes the validator beans declared here as additional validators (and then keeps this timestamp validator
 * in place of its default one, whose skew is a minute and which lets a token without {@code exp} live for ever).
 *
 * <p>Token times are the issuer's wall-clock times, so they are checked against the system clock, not the
 * application's {@link Clock} bean (which tests move).
 */
@Configuration(proxyBeanMethods = false)
class TokenVerification {

    private static final Clock WALL_CLOCK = Clock.systemUTC();

    /** {@code exp} is required; {@code exp} and {@code nbf} are honoured within the configured skew. */
    @Bean
    JwtTimestampValidator tokenLifetimeValidator(JwtProperties properties) {
        JwtTimestampValidator validator = new JwtTimestampValidator(properties.clockSkew());
        validator.setAllowEmptyExpiryClaim(false);
        validator.setClock(WALL_CLOCK);
        return validator;
    }

    /**
     * A token claiming to be issued in the future (beyond the skew) is refused; {@code iat} itself is optional.
     * (Spring's {@code JwtIssuedAtValidator} also refuses tokens issued longer than the skew ago, a freshness rule
     * for proof tokens that would cut every access token's life to the skew.)
     */
    @Bean
    OAuth2TokenValidator<Jwt> tokenIssuedAtValidator(JwtProperties properties) {
        OAuth2Error fromTheFuture = new OAuth2Error(
                OAuth2ErrorCodes.INVALID_TOKEN, "The token claims to be issued in the future (iat)", null);
        return token -> token.getIssuedAt() != null
                        && token.getIssuedAt().isAfter(WALL_CLOCK.instant().plus(properties.clockSkew()))
                ? OAuth2TokenValidatorResult.failure(fromTheFuture)
                : OAuth2TokenValidatorResult.success();
    }

    /** Issuer and audience, each only when configured. */
    @Bean
    OAuth2TokenValidator<Jwt> tokenIssuerAndAudienceValidator(JwtProperties properties) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        if (properties.issuer() != null && !properties.issuer().isBlank()) {
            validators.add(new JwtIssuerValidator(properties.issuer()));
        }
        if (!properties.audiences().isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(
                    JwtClaimNames.AUD,
                    audiences -> audiences != null && audiences.stream().anyMatch(properties.audiences()::contains)));
        }
        if (validators.isEmpty()) {
            return token -> OAuth2TokenValidatorResult.success();
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /**
     * Tokens signed with a shared HS256 key: the local stack and tests (the {@code local} profile's published key),
     * or a platform that mints its own tokens with a private key. Replaced by Boot's decoder once an issuer is set.
     */
    @Bean
    @ConditionalOnExpression("'${spring.security.oauth2.resourceserver.jwt.issuer-uri:}' == ''"
            + " and '${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}' == ''")
    JwtDecoder hmacJwtDecoder(JwtProperties properties, ObjectProvider<OAuth2TokenValidator<Jwt>> validators) {
        if (properties.hmacSecret() == null || properties.hmacSecret().isBlank()) {
            throw new IllegalStateException("Set invites.security.jwt.hmac-secret (INVITES_SECURITY_JWT_HMACSECRET),"
                    + " or an issuer with spring.security.oauth2.resourceserver.jwt.issuer-uri");
        }
        SecretKeySpec key = new SecretKeySpec(properties.hmacSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                validators.orderedStream().toList()));
        return decoder;
    }

    /**
     * Wraps whichever JWT decoder is in use so a token is verified once and then remembered until it expires (never
     * longer than {@code exp}, which every token has, so the cache cannot outlive a token the validators would
     * refuse).
     */
    @Bean
    static BeanPostProcessor cacheVerifiedTokens() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder)) {
                    return new CachingJwtDecoder(decoder, WALL_CLOCK, Duration.ofMinutes(5), 10_000);
                }
                return bean;
            }
        };
    }
}
