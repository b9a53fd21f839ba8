package com.boxncase.invites.api.security;

import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasAuthority;
import static org.springframework.security.authorization.AuthorizationManagers.allOf;

import com.boxncase.invites.api.web.AcceptRateLimit;
import com.boxncase.invites.api.web.CrossOriginFilter;
import com.boxncase.invites.api.web.HttpProperties;
import com.boxncase.invites.api.web.Problems;
import com.boxncase.invites.api.web.PublicEndpoints;
import com.boxncase.invites.api.web.RequestBodyLimit;
import com.boxncase.invites.api.web.SecurityHeaders;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Stateless bearer-token security. Scopes: {@code invites:read} for reads, {@code invites:write} for changes and
 * for copying an invite's live link (it is a credential); a store's endpoints also need the store in the
 * {@code stores} claim. The operations endpoints need {@code ops:read} / {@code ops:write} and the platform
 * operator claim ({@link OpsProperties}). The accept endpoints are public: the link token is the invitee's
 * credential; they are rate-limited per client.
 */
@Configuration
class SecurityConfig {

    private static final String READ = "SCOPE_invites:read";
    private static final String WRITE = "SCOPE_invites:write";

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            Problems problems,
            HttpProperties httpProperties,
            OpsProperties ops,
            RequestBodyLimit bodyLimit,
            AcceptRateLimit acceptRateLimit,
            CrossOriginFilter crossOrigin,
            SecurityHeaders securityHeaders)
            throws Exception {
        StoreAccess storeAccess = new StoreAccess();
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterAfter(crossOrigin, HeaderWriterFilter.class)
                .addFilterAfter(bodyLimit, CrossOriginFilter.class)
                .addFilterAfter(acceptRateLimit, RequestBodyLimit.class)
                .headers(headers -> headers.addHeaderWriter(securityHeaders)
                        .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(
                                        httpProperties.headers().hstsMaxAge().toSeconds())
                                .includeSubDomains(true)))
                .authorizeHttpRequests(requests -> requests
                        // the container's error page renders whatever went wrong; it reveals nothing itself
                        .dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(PublicEndpoints.ACCEPT_API)
                        .permitAll()
                        .requestMatchers(PublicEndpoints.ACCEPT_PAGE)
                        .permitAll()
                        .requestMatchers(PublicEndpoints.WEBHOOKS)
                        .permitAll()
                        .requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/ops/**")
                        .access(allOf(hasAuthority("SCOPE_ops:read"), hasAuthority(PlatformOperators.AUTHORITY)))
                        .requestMatchers("/api/v1/ops/**")
                        .access(allOf(hasAuthority("SCOPE_ops:write"), hasAuthority(PlatformOperators.AUTHORITY)))
                        .requestMatchers(HttpMethod.GET, "/api/v1/stores/{storeId}/invites/{inviteId}/link")
                        .access(allOf(hasAuthority(WRITE), storeAccess))
                        .requestMatchers(HttpMethod.GET, "/api/v1/stores/{storeId}/**")
                        .access(allOf(hasAuthority(READ), storeAccess))
                        .requestMatchers("/api/v1/stores/{storeId}/**")
                        .access(allOf(hasAuthority(WRITE), storeAccess))
                        // cross-store bulk: each row's store is checked against the token, row by row
                        .requestMatchers(HttpMethod.POST, "/api/v1/invites/bulk")
                        .hasAuthority(WRITE)
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(oauth -> oauth.bearerTokenResolver(new AuthorizationHeaderBearerToken())
                        .jwt(jwt ->
                                jwt.jwtAuthenticationConverter(new PlatformOperators(ops).authenticationConverter()))
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
     * No observation per security filter, authentication and authorization: the request's own observation (its
     * span and {@code http.server.requests} timer) covers them, and wrapping each of a dozen filters in an
     * observation cost more CPU per request than most of the filters themselves. Switching the observations off by
     * name still leaves the wrapping in place; these settings remove it.
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's strict firewall, with its character rules checked without regular expressions. */
    @Bean
    WebSecurityCustomizer firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(PrintableCharacters::isName);
        firewall.setAllowedHeaderValues(PrintableCharacters::isValue);
        firewall.setAllowedParameterNames(PrintableCharacters::isName);
        return web -> web.httpFirewall(firewall);
    }
}
