package com.boxncase.invites.api.web;

import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import com.boxncase.invites.api.support.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

@ApiIntegrationTest
class SecurityHeadersTest {

    @Autowired
    MockMvc mvc;

    @Test
    void apiResponsesMayNotBeFramedSniffedOrLoadAnythingAndSendNoReferrer() throws Exception {
        String store = newStore();
        mvc.perform(get("/api/v1/stores/" + store + "/invites")
                        .header("Authorization", "Bearer " + TestTokens.admin(store)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", containsString("default-src 'none'")))
                .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Referrer-Policy", "no-referrer"));
    }

    @Test
    void theAcceptPageWhoseUrlCarriesTheTokenSendsNoReferrerAndMayOnlyTalkToThisOrigin() throws Exception {
        mvc.perform(get("/accept.html"))
                .andExpect(status().isOk())
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andExpect(header().string("Content-Security-Policy", containsString("connect-src 'self'")))
                .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    @Test
    void strictTransportSecurityIsSentOverHttpsOnly() throws Exception {
        mvc.perform(get("/actuator/health").secure(true))
                .andExpect(header().string("Strict-Transport-Security", containsString("max-age=31536000")));
        mvc.perform(get("/actuator/health")).andExpect(header().doesNotExist("Strict-Transport-Security"));
    }

    @Test
    void onlyHealthInfoAndPrometheusArePublicOnTheActuator() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/actuator/info")).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
        mvc.perform(get("/actuator/metrics")).andExpect(status().isUnauthorized());
        String admin = TestTokens.admin(newStore());
        for (String hidden : List.of("/actuator/metrics", "/actuator/env", "/actuator/beans", "/actuator/loggers")) {
            mvc.perform(get(hidden).header("Authorization", "Bearer " + admin)).andExpect(status().isNotFound());
        }
    }

    @Test
    void aPageCanHaveItsOwnPolicySuchAsTheAdminConsoleLoadingModulesFromWebjars() {
        HttpProperties.Headers configured = new Binder(new MapConfigurationPropertySource(java.util.Map.of(
                        "h.content-security-policy", "default-src 'none'",
                        "h.referrer-policy", "no-referrer",
                        "h.hsts-max-age", "365d",
                        "h.pages[0].paths[0]", "/admin/**",
                        "h.pages[0].content-security-policy", "default-src 'self'; script-src 'self'",
                        "h.pages[0].referrer-policy", "same-origin")))
                .bind("h", Bindable.of(HttpProperties.Headers.class))
                .get();
        SecurityHeaders writer = new SecurityHeaders(configured);

        MockHttpServletResponse admin = write(writer, "/admin/invites");
        MockHttpServletResponse api = write(writer, "/api/v1/stores/s/invites");

        assertThat(admin.getHeader("Content-Security-Policy")).isEqualTo("default-src 'self'; script-src 'self'");
        assertThat(admin.getHeader("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(api.getHeader("Content-Security-Policy")).isEqualTo("default-src 'none'");
        assertThat(api.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    }

    private static MockHttpServletResponse write(SecurityHeaders writer, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setServletPath(path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        writer.writeHeaders(request, response);
        return response;
    }
}
