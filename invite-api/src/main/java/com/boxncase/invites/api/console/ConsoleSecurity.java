package com.boxncase.invites.api.console;

import com.boxncase.invites.api.web.CrossOriginFilter;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The console's own filter chain: its pages and modules are public (the data behind them is not: every API
 * call carries a bearer token), and they get a strict Content-Security-Policy. The page has no inline script
 * and no import map, so scripts come from this origin only.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain console(HttpSecurity http, ConsoleSignIn signIn, CrossOriginFilter crossOrigin)
            throws Exception {
        String policy = contentSecurityPolicy(signIn.issuerOrigin());
        return http.securityMatcher("/admin", "/admin/**")
                // the component's modules, for pages of the allowed origins (invites.http.cors.allowed-origins)
                .addFilterAfter(crossOrigin, HeaderWriterFilter.class)
                // No cookies or sessions: a cross-site form cannot act with the admin's credentials.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                        // The sign-in redirect carries an authorization code in the URL.
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frames -> frames.deny()))
                .build();
    }

    /**
     * Scripts, modules and API calls from this origin only (plus the issuer's token endpoint when signing in
     * with OIDC). Styles also allow inline ones: the template preview shows the store's email HTML, which
     * styles itself inline, in a sandboxed frame that inherits this policy; scripts stay blocked there.
     */
    static String contentSecurityPolicy(URI issuerOrigin) {
        String connect = issuerOrigin == null ? "'self'" : "'self' " + issuerOrigin;
        return "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
                + " connect-src " + connect + "; frame-src 'self'; base-uri 'none'; form-action 'self';"
                + " frame-ancestors 'none'";
    }
}
