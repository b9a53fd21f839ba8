package com.boxncase.invites.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxncase.invites.api.InviteApiApplication;
import com.boxncase.invites.support.FailClosedSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Outside the local profile invite-api refuses to start without private secrets, and starts with them. */
class FailClosedStartupTest {

    private static final String PRIVATE = "0f5b9d1e6c2a47b8a3e9d4c7b1f60a28-private";

    @Test
    void withoutTheLocalProfileAndWithoutSecretsInviteApiRefusesToStartNamingEachSetting() {
        assertThatThrownBy(() -> start("--spring.profiles.active=production"))
                .isInstanceOf(FailClosedSettings.InsecureSettings.class)
                .hasMessageContaining("invites.security.jwt.hmac-secret (env INVITES_SECURITY_JWT_HMACSECRET")
                .hasMessageContaining("invites.links.secret (env INVITES_LINKS_SECRET")
                .hasMessageContaining("invites.store-defaults.accept-url-base");
    }

    @Test
    void thePublishedDevelopmentSecretsAreRefusedOutsideTheLocalProfile() {
        assertThatThrownBy(() -> start(
                        "--spring.profiles.active=production",
                        "--invites.security.jwt.hmac-secret=local-dev-jwt-secret-change-me-0123456789abcdef",
                        "--invites.links.secret=local-dev-link-secret-change-me-0123456789",
                        "--invites.store-defaults.accept-url-base=https://admin.example.com/accept"))
                .isInstanceOf(FailClosedSettings.InsecureSettings.class)
                .hasMessageContaining("invites.security.jwt.hmac-secret (env INVITES_SECURITY_JWT_HMACSECRET, the HS256"
                        + " key bearer tokens are verified with) holds a published development value")
                .hasMessageContaining("invites.links.secret (env INVITES_LINKS_SECRET, the key invite links are derived"
                        + " from, shared with notifier-worker) holds a published development value")
                .message()
                .doesNotContain("accept-url-base");
    }

    @Test
    void privateSecretsPassTheCheck() {
        new ApplicationContextRunner()
                .withUserConfiguration(FailClosedStartup.class)
                .withPropertyValues(
                        "spring.profiles.active=production",
                        "invites.security.jwt.hmac-secret=" + PRIVATE,
                        "invites.links.secret=" + PRIVATE + "-links",
                        "invites.store-defaults.accept-url-base=https://admin.example.com/accept")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void anIssuerReplacesTheHmacSecret() {
        new ApplicationContextRunner()
                .withUserConfiguration(FailClosedStartup.class)
                .withPropertyValues(
                        "spring.profiles.active=production",
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri=https://id.example.com",
                        "invites.links.secret=" + PRIVATE,
                        "invites.store-defaults.accept-url-base=https://admin.example.com/accept")
                .run(context -> assertThat(context).hasNotFailed());
    }

    private static void start(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server.port=0";
        all[args.length + 1] = "--spring.main.banner-mode=off";
        new SpringApplicationBuilder(InviteApiApplication.class).run(all).close();
    }
}
