package com.boxncase.invites.api.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxncase.invites.api.InvitesProperties;
import com.boxncase.invites.templates.RoleCatalog;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class RoleNamesAtStartUpTest {

    private final ApplicationContextRunner api = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class)
            .withPropertyValues(
                    "invites.links.secret=a-link-secret-of-at-least-32-bytes-0123456789",
                    "invites.store-defaults.store-name=Store",
                    "invites.store-defaults.channels=EMAIL",
                    "invites.store-defaults.accept-url-base=https://admin.example/accept",
                    "invites.store-defaults.default-locale=en");

    @Test
    void aConfiguredRoleWithoutADisplayNameRefusesStartUpNamingTheSetting() {
        api.withPropertyValues("invites.roles=ADMIN,MANAGER").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("invites.templates.roles.MANAGER.en.name");
        });
    }

    @Test
    void configuredRoleNamesAreUsedOverTheShippedOnes() {
        api.withPropertyValues(
                        "invites.roles=ADMIN,MANAGER",
                        "invites.templates.roles.MANAGER.en.name=Store manager",
                        "invites.templates.roles.MANAGER.de.name=Filialleitung",
                        "invites.templates.roles.ADMIN.de.description=Darf alles.")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    RoleCatalog roles = context.getBean(RoleCatalog.class);
                    assertThat(roles.describe("MANAGER", Locale.GERMAN).name()).isEqualTo("Filialleitung");
                    assertThat(roles.describe("ADMIN", Locale.GERMAN).name()).isEqualTo("Administrator");
                    assertThat(roles.describe("ADMIN", Locale.GERMAN).description())
                            .isEqualTo("Darf alles.");
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(InvitesProperties.class)
    @Import(TemplateBeans.class)
    static class Settings {}
}
