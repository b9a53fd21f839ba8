package com.boxncase.invites.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxncase.invites.support.FailClosedSettings.Requirement;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class FailClosedSettingsTest {

    private static final String PRIVATE = "a-private-value-nobody-published-0123456789";

    @Configuration(proxyBeanMethods = false)
    static class Service {
        @Bean
        static FailClosedSettings failClosedSettings() {
            return FailClosedSettings.outsideLocalProfile(
                    Requirement.of("invites.links.secret", "the link key"),
                    Requirement.of("invites.security.jwt.hmac-secret", "token verification")
                            .unlessSet("spring.security.oauth2.resourceserver.jwt.issuer-uri"));
        }
    }

    private final ApplicationContextRunner service =
            new ApplicationContextRunner().withUserConfiguration(Service.class);

    @Test
    void startUpIsRefusedOutsideTheLocalProfileWhenASecretIsMissingNamingTheSettingAndItsVariable() {
        service.withPropertyValues("invites.security.jwt.hmac-secret=" + PRIVATE)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .isInstanceOf(FailClosedSettings.InsecureSettings.class)
                            .hasMessageContaining(
                                    "invites.links.secret (env INVITES_LINKS_SECRET, the link key) is not set")
                            .hasMessageContaining("SPRING_PROFILES_ACTIVE=local")
                            .message()
                            .doesNotContain("hmac-secret");
                });
    }

    @Test
    void startUpIsRefusedWhenASecretHoldsAValueOfTheLocalProfile() {
        service.withPropertyValues(
                        "invites.links.secret=published-link-secret-for-tests-0123456789",
                        "invites.security.jwt.hmac-secret=" + PRIVATE)
                .run(context -> assertThat(context.getStartupFailure())
                        .hasMessageContaining("invites.links.secret (env INVITES_LINKS_SECRET, the link key) holds a"
                                + " published development value"));
    }

    @Test
    void everySettingAtFaultIsNamedAtOnce() {
        service.withPropertyValues("spring.profiles.active=prod").run(context -> {
            FailClosedSettings.InsecureSettings failure =
                    (FailClosedSettings.InsecureSettings) context.getStartupFailure();
            assertThat(failure.problems())
                    .containsExactly(
                            "invites.links.secret (env INVITES_LINKS_SECRET, the link key) is not set",
                            "invites.security.jwt.hmac-secret (env INVITES_SECURITY_JWT_HMACSECRET, token verification)"
                                    + " is not set (or set spring.security.oauth2.resourceserver.jwt.issuer-uri)");
        });
    }

    @Test
    void startUpIsAcceptedWithPrivateValues() {
        service.withPropertyValues(
                        "invites.links.secret=" + PRIVATE, "invites.security.jwt.hmac-secret=" + PRIVATE + "!")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void anIssuerStandsInForTheHmacSecret() {
        service.withPropertyValues(
                        "invites.links.secret=" + PRIVATE,
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri=https://id.example")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theLocalProfileMayUseThePublishedValues() {
        service.withPropertyValues(
                        "spring.profiles.active=local",
                        "invites.links.secret=published-link-secret-for-tests-0123456789")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void environmentVariablesAreNamedTheWayBootBindsThem() {
        assertThat(FailClosedSettings.environmentVariable("invites.security.jwt.hmac-secret"))
                .isEqualTo("INVITES_SECURITY_JWT_HMACSECRET");
    }
}
