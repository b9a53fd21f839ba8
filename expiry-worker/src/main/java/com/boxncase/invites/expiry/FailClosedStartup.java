package com.boxncase.invites.expiry;

import com.boxncase.invites.support.FailClosedSettings;
import com.boxncase.invites.support.FailClosedSettings.Requirement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Outside the {@code local} profile the expiry worker refuses to start with the development accept page
 * ({@code http://localhost:8080/accept}): the reminders it queues would send invitees to a page that is not there.
 * It holds no secret of its own.
 */
@Configuration(proxyBeanMethods = false)
class FailClosedStartup {

    @Bean
    static FailClosedSettings failClosedSettings() {
        return FailClosedSettings.outsideLocalProfile(Requirement.of(
                "invites.expiry.store-defaults.accept-url-base", "the invitee's page reminder links open"));
    }
}
