package com.boxncase.invites.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxncase.invites.support.FailClosedSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Outside the local profile the notifier refuses to start without a private link key, and starts with one. */
class FailClosedStartupTest {

    @Test
    void withoutTheLocalProfileTheNotifierRefusesAMissingOrPublishedLinkKey() {
        assertThatThrownBy(() -> start("--spring.profiles.active=production"))
                .isInstanceOf(FailClosedSettings.InsecureSettings.class)
                .hasMessageContaining("invites.links.secret (env INVITES_LINKS_SECRET, the key invite links are derived"
                        + " from, shared with invite-api) is not set");
        assertThatThrownBy(() -> start(
                        "--spring.profiles.active=production",
                        "--invites.links.secret=local-dev-link-secret-change-me-0123456789"))
                .isInstanceOf(FailClosedSettings.InsecureSettings.class)
                .hasMessageContaining("holds a published development value");
    }

    @Test
    void aPrivateLinkKeyPassesTheCheck() {
        new ApplicationContextRunner()
                .withUserConfiguration(FailClosedStartup.class)
                .withPropertyValues(
                        "spring.profiles.active=production",
                        "invites.links.secret=9c1d7e3a5b2f48d6a0e4c8b1d3f57a92-private")
                .run(context -> assertThat(context).hasNotFailed());
    }

    private static void start(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--server.port=0";
        all[args.length + 1] = "--spring.main.banner-mode=off";
        new SpringApplicationBuilder(NotifierApplication.class).run(all).close();
    }
}
