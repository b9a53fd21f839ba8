package com.boxncase.invites.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/** Which paths a configured origin may use from the browser, and what it may send and read. */
class ConsoleCorsTest {

    private final UrlBasedCorsConfigurationSource source = new ConsoleCors()
            .corsConfigurationSource(new ConsoleProperties(
                    List.of("https://admin.platform.example"),
                    new ConsoleProperties.Oidc(null, null, "openid"),
                    Duration.ofHours(1)));

    @Test
    void configuredOriginMayCallTheApiWithABearerTokenAndReadRetryAfter() {
        CorsConfiguration api = source.getCorsConfiguration(request("/api/v1/stores/store-1/invites"));

        assertThat(api).isNotNull();
        assertThat(api.checkOrigin("https://admin.platform.example")).isEqualTo("https://admin.platform.example");
        assertThat(api.checkOrigin("https://evil.example")).isNull();
        assertThat(api.checkHttpMethod(org.springframework.http.HttpMethod.DELETE))
                .isNotNull();
        assertThat(api.checkHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key")))
                .hasSize(3);
        assertThat(api.getExposedHeaders()).contains("Retry-After");
        assertThat(api.getAllowCredentials()).isFalse();
    }

    @Test
    void configuredOriginMayLoadTheComponentModulesButNothingElseOfTheConsole() {
        assertThat(source.getCorsConfiguration(request("/admin/console/invites-console.js")))
                .isNotNull();
        assertThat(source.getCorsConfiguration(request("/admin/local-sign-in"))).isNull();
        assertThat(source.getCorsConfiguration(request("/actuator/prometheus"))).isNull();
    }

    private static MockHttpServletRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRequestURI(path);
        return request;
    }
}
