package com.boxncase.invites.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.CorsFilter;

class CrossOriginTest {

    @Test
    void withoutConfiguredOriginsThereIsNoCorsFilterAndBrowsersKeepTheSameOriginPolicy() {
        assertThat(CrossOrigin.filter(new HttpProperties.Cors(List.of(), Duration.ofHours(1))))
                .isNull();
    }

    @Test
    void aConfiguredOriginMayCallTheApiWithABearerTokenButNoCookies() throws Exception {
        CorsFilter filter =
                CrossOrigin.filter(new HttpProperties.Cors(List.of("https://admin.example.com"), Duration.ofHours(1)));

        MockHttpServletResponse preflight = preflight(filter, "https://admin.example.com");

        assertThat(preflight.getStatus()).isEqualTo(200);
        assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://admin.example.com");
        assertThat(preflight.getHeader("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
        assertThat(preflight.getHeader("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void anotherOriginIsRefusedWithAProblem() throws Exception {
        CorsFilter filter =
                CrossOrigin.filter(new HttpProperties.Cors(List.of("https://admin.example.com"), Duration.ofHours(1)));

        MockHttpServletResponse refused = preflight(filter, "https://evil.example");

        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"status\":403");
    }

    @Test
    void aConfiguredOriginMayLoadTheConsoleComponentsModulesButNoOtherConsolePage() throws Exception {
        CorsFilter filter =
                CrossOrigin.filter(new HttpProperties.Cors(List.of("https://admin.example.com"), Duration.ofHours(1)));

        MockHttpServletResponse module = get(filter, "/admin/console/invites-console.js", "https://admin.example.com");
        MockHttpServletResponse signIn = get(filter, "/admin/local-sign-in", "https://admin.example.com");

        assertThat(module.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://admin.example.com");
        assertThat(signIn.getHeader("Access-Control-Allow-Origin")).isNull();
    }

    private static MockHttpServletResponse get(CorsFilter filter, String path, String origin) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRequestURI(path);
        request.addHeader("Origin", origin);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static MockHttpServletResponse preflight(CorsFilter filter, String origin) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/api/v1/stores/s/invites");
        request.addHeader("Origin", origin);
        request.addHeader("Access-Control-Request-Method", "POST");
        request.addHeader("Access-Control-Request-Headers", "authorization, content-type");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
