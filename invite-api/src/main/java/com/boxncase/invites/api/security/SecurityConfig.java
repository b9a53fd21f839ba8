package com.boxncase.invites.api.security;

import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasAuthority;
import static org.springframework.security.authorization.AuthorizationManagers.allOf;

import com.boxncase.invites.api.web.Problems;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless bearer-token security. Scopes: {@code invites:read} for reads, {@code invites:write} for
 * changes, {@code ops:*} for operations; a store's endpoints also need the store in the {@code stores}
 * claim. The accept endpoints are public: the link token is the invitee's credential.
 */
@Configuration
class SecurityConfig {

    private static final String READ = "SCOPE_invites:read";
    private static final String WRITE = "SCOPE_invites:write";

    @Bean
    SecurityFilterChain api(HttpSecurity http, Problems problems) throws Exception {
        StoreAccess storeAccess = new StoreAccess();
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(
                        requests -> requests.requestMatchers("/api/v1/invites/accept", "/accept", "/accept.html")
                                .permitAll()
                                .requestMatchers("/webhooks/**")
                                .permitAll()
                                .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                                .permitAll()
                                .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                                .permitAll()
                                .requestMatchers(HttpMethod.GET, "/api/v1/ops/**")
                                .hasAuthority("SCOPE_ops:read")
                                .requestMatchers("/api/v1/ops/**")
                                .hasAuthority("SCOPE_ops:write")
                                .requestMatchers(HttpMethod.GET, "/api/v1/stores/{storeId}/**")
                                .access(allOf(hasAuthority(READ), storeAccess))
                                .requestMatchers("/api/v1/stores/{storeId}/**")
                                .access(allOf(hasAuthority(WRITE), storeAccess))
                                // cross-store bulk: each row's store is checked against the token, row by row
                                .requestMatchers(HttpMethod.POST, "/api/v1/invites/bulk")
                                .hasAuthority(WRITE)
                                .anyRequest()
                                .authenticated())
                .oauth2ResourceServer(oauth -> oauth.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint((request, response, e) ->
                                problems.write(response, HttpStatus.UNAUTHORIZED, "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, e) -> problems.write(
                                response, HttpStatus.FORBIDDEN, "The token does not grant this store or scope.")))
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) ->
                                problems.write(response, HttpStatus.UNAUTHORIZED, "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, e) -> problems.write(
                                response, HttpStatus.FORBIDDEN, "The token does not grant this store or scope.")))
                .build();
    }

    /**
     * Wraps whichever JWT decoder is in use (the HMAC one below, or Boot's issuer-based one) so a token is
     * verified once and then remembered until it expires.
     */
    @Bean
    static BeanPostProcessor cacheVerifiedTokens(ObjectProvider<Clock> clock) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder)) {
                    return new CachingJwtDecoder(
                            decoder, clock.getIfAvailable(Clock::systemUTC), Duration.ofMinutes(5), 10_000);
                }
                return bean;
            }
        };
    }

    /** Local and test tokens: HS256 with a shared secret. Replaced by Boot's decoder once an issuer is set. */
    @Bean
    @ConditionalOnExpression("'${spring.security.oauth2.resourceserver.jwt.issuer-uri:}' == ''"
            + " and '${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}' == ''")
    JwtDecoder hmacJwtDecoder(JwtProperties properties) {
        if (properties.hmacSecret() == null || properties.hmacSecret().isBlank()) {
            throw new IllegalStateException("Set invites.security.jwt.hmac-secret (INVITES_SECURITY_JWT_HMACSECRET),"
                    + " or an issuer with spring.security.oauth2.resourceserver.jwt.issuer-uri");
        }
        SecretKeySpec key = new SecretKeySpec(properties.hmacSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        return NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
    }
}
