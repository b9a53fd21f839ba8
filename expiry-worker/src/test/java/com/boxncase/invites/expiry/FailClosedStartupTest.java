package com.boxncase.invites.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxncase.invites.support.FailClosedSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Outside the local profile the expiry worker refuses the development accept page, and starts with a real one. */
class FailClosedStartupTest {

    @Test
    void withoutTheLocalProfileTheWorkerRefusesToStartWithoutARealAcceptPage() {
        assertThatThrownBy(() -> start("--spring.profiles.active=production"))
                .isInstanceOf(FailClosedSettings.InsecureSettings.class)
                .hasMessageContaining(
                        "invites.expiry.store-defaults.accept-url-base (env"
                                + " INVITES_EXPIRY_STOREDEFAULTS_ACCEPTURLBASE, the invitee's page reminder links open) is not set");
        assertThatThrownBy(() -> start(
                        "--spring.profiles.active=production",
                        "--invites.expiry.store-defaults.accept-url-base=http://localhost:8080/accept"))
                .hasMessageContaining("holds a published development value");
    }

    @Test
    void aRealAcceptPagePassesTheCheck() {
        new ApplicationContextRunner()
                .withUserConfiguration(FailClosedStartup.class)
                .withPropertyValues(
                        "spring.profiles.active=production",
                        "invites.expiry.store-defaults.accept-url-base=https://admin.example.com/accept")
                .run(context -> assertThat(context).hasNotFailed());
    }

    private static void start(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--server.port=0";
        all[args.length + 1] = "--spring.main.banner-mode=off";
        new SpringApplicationBuilder(ExpiryWorkerApplication.class).run(all).close();
    }
}
