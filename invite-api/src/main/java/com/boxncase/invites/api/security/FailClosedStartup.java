package com.boxncase.invites.api.security;

import com.boxncase.invites.support.FailClosedSettings;
import com.boxncase.invites.support.FailClosedSettings.Requirement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Outside the {@code local} profile invite-api refuses to start without its own token verification, its own link key
 * and a real accept page: with the published values anyone could mint an admin token or derive a live invite link.
 */
@Configuration(proxyBeanMethods = false)
class FailClosedStartup {

    @Bean
    static FailClosedSettings failClosedSettings() {
        return FailClosedSettings.outsideLocalProfile(
                Requirement.of("invites.security.jwt.hmac-secret", "the HS256 key bearer tokens are verified with")
                        .unlessSet(
                                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri"),
                Requirement.of(
                        "invites.links.secret",
                        "the key invite links are derived from, shared with" + " notifier-worker"),
                Requirement.of("invites.store-defaults.accept-url-base", "the invitee's page the links open"));
    }
}
