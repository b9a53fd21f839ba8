package com.boxncase.invites.notifier;

import com.boxncase.invites.contracts.InviteLinks;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The key shared with invite-api to derive invite link tokens ({@code invites.links.secret}, env
 * {@code INVITES_LINKS_SECRET}, UTF-8, at least 32 bytes).
 */
@Validated
@ConfigurationProperties("invites.links")
public record LinkProperties(@NotBlank @Size(min = 32) String secret) {

    public InviteLinks inviteLinks() {
        return new InviteLinks(secret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "LinkProperties[secret=****]";
    }
}
