package com.boxncase.invites.api.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Cross-origin access to the API, for browser applications on other origins that call it with a bearer token. Off
 * unless {@code invites.http.cors.allowed-origins} lists origins (platforms embedding the {@code <invites-console>}
 * component also load its modules from {@code /admin/console/}): without any, browsers are held to the same-origin policy
 * and only same-origin pages (the accept page, Swagger UI, an admin console served here) or servers call the API.
 * No credentials (cookies) are ever allowed: the API authenticates by bearer token only. A refused cross-origin
 * request is a 403 problem like every other refusal.
 */
final class CrossOrigin {

    private CrossOrigin() {}

    /** The CORS filter for the configured origins, or null when none are configured. */
    static CorsFilter filter(HttpProperties.Cors cors) {
        if (cors.allowedOrigins().isEmpty()) {
            return null;
        }
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(cors.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key"));
        configuration.setExposedHeaders(List.of("Location", "Retry-After"));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(cors.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", configuration);
        // The embeddable console's modules: a host page on an allowed origin fetches them in CORS mode.
        CorsConfiguration modules = new CorsConfiguration();
        modules.setAllowedOrigins(cors.allowedOrigins());
        modules.setAllowedMethods(List.of("GET"));
        modules.setAllowCredentials(false);
        modules.setMaxAge(cors.maxAge());
        source.registerCorsConfiguration("/admin/console/**", modules);
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new DefaultCorsProcessor() {
            @Override
            protected void rejectRequest(ServerHttpResponse response) throws IOException {
                response.setStatusCode(HttpStatus.FORBIDDEN);
                response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
                response.getBody()
                        .write(("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                                        + "\"detail\":\"This origin may not call the API.\"}")
                                .getBytes(StandardCharsets.UTF_8));
                response.flush();
            }
        });
        return filter;
    }
}
