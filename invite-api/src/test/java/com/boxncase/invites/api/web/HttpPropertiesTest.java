package com.boxncase.invites.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class HttpPropertiesTest {

    private final ApplicationContextRunner api = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void aPageOverrideWithoutItsPolicyRefusesStartUpNamingTheSetting() {
        api.withPropertyValues("invites.http.headers.pages[0].paths=/admin/**").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("headers.pages[0].contentSecurityPolicy");
        });
    }

    @Test
    void aCompletePageOverrideIsBound() {
        api.withPropertyValues(
                        "invites.http.headers.pages[0].paths=/admin/**",
                        "invites.http.headers.pages[0].content-security-policy=default-src 'self'")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    HttpProperties.Page page = context.getBean(HttpProperties.class)
                            .headers()
                            .pages()
                            .get(0);
                    assertThat(page.paths()).containsExactly("/admin/**");
                    assertThat(page.contentSecurityPolicy()).isEqualTo("default-src 'self'");
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(HttpProperties.class)
    static class Settings {}
}
