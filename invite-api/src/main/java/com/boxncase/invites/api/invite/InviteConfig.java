package com.boxncase.invites.api.invite;

import com.boxncase.invites.api.InvitesProperties;
import com.boxncase.invites.contracts.InviteLinks;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class InviteConfig {

    /** The link-token key; notifier-worker holds the same one to put the live link in its messages. */
    @Bean
    InviteLinks inviteLinks(InvitesProperties properties) {
        return new InviteLinks(properties.links().secret().getBytes(StandardCharsets.UTF_8));
    }
}
