package com.boxncase.invites.notifier;

import com.boxncase.invites.support.FailClosedSettings;
import com.boxncase.invites.support.FailClosedSettings.Requirement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Outside the {@code local} profile the notifier refuses to start without its own link key: with the published one,
 * anyone who sees a link id could derive a live invite link.
 */
@Configuration(proxyBeanMethods = false)
class FailClosedStartup {

    @Bean
    static FailClosedSettings failClosedSettings() {
        return FailClosedSettings.outsideLocalProfile(Requirement.of(
                "invites.links.secret", "the key invite links are derived from, shared with invite-api"));
    }
}
