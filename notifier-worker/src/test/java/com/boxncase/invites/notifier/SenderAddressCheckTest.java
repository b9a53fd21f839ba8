package com.boxncase.invites.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class SenderAddressCheckTest {

    private final ApplicationContextRunner notifier =
            new ApplicationContextRunner().withUserConfiguration(SenderSettings.class);

    @Test
    void aLocalSenderAddressRefusesStartUpOutsideTheLocalProfileNamingTheSetting() {
        notifier.withPropertyValues("invites.notifier.email.from-address=invites@boxncase.local")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessageContaining("invites.notifier.email.from-address is invites@boxncase.local")
                            .hasMessageContaining("INVITES_NOTIFIER_EMAIL_FROMADDRESS");
                });
        notifier.withPropertyValues("invites.notifier.email.from-address=ops@localhost")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aLocalSenderAddressIsAcceptedInTheLocalProfile() {
        notifier.withPropertyValues(
                        "spring.profiles.active=local", "invites.notifier.email.from-address=invites@boxncase.local")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aSenderOfARealDomainIsAccepted() {
        notifier.withPropertyValues("invites.notifier.email.from-address=invites@mail.boxncase.example")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void noSenderAddressRefusesStartUp() {
        notifier.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("invites.notifier.email");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NotifierProperties.class)
    @Import(SenderAddressCheck.class)
    static class SenderSettings {}
}
