package com.boxncase.invites.api.console;

import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * CORS for pages that embed the console component: only the configured origins may load its modules and call
 * the API from the browser. Spring Security applies this source to every filter chain when it exists as a
 * bean, so preflight requests are answered before authentication. With no origins configured nothing is
 * registered and browsers refuse every cross-origin call.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleCors {

    @Bean
    UrlBasedCorsConfigurationSource corsConfigurationSource(ConsoleProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (properties.allowedOrigins().isEmpty()) {
            return source;
        }
        CorsConfiguration api = new CorsConfiguration();
        api.setAllowedOrigins(properties.allowedOrigins());
        api.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
        api.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key"));
        // The console reads Retry-After ("try again in 40 min") and Location after a create.
        api.setExposedHeaders(List.of("Retry-After", "Location"));
        // Bearer tokens, never cookies: credentialed requests stay off.
        api.setAllowCredentials(false);
        api.setMaxAge(Duration.ofHours(1));
        source.registerCorsConfiguration("/api/**", api);

        // Module scripts are fetched in CORS mode, so a host page on another origin needs this to load them.
        CorsConfiguration modules = new CorsConfiguration();
        modules.setAllowedOrigins(properties.allowedOrigins());
        modules.setAllowedMethods(List.of("GET"));
        modules.setMaxAge(Duration.ofHours(1));
        source.registerCorsConfiguration("/admin/console/**", modules);
        return source;
    }
}
