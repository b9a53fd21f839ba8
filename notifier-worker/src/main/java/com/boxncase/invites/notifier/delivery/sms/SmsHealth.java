package com.boxncase.invites.notifier.delivery.sms;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code sms} (also in the readiness group): UP either way, since email still goes out, with
 * the detail "SMS not configured" when there are no Twilio credentials.
 */
@Component("sms")
class SmsHealth implements HealthIndicator {

    private final SmsSender sender;

    SmsHealth(SmsSender sender) {
        this.sender = sender;
    }

    @Override
    public Health health() {
        return Health.up()
                .withDetail("sms", sender.isConfigured() ? "SMS configured (Twilio)" : "SMS not configured")
                .build();
    }
}
