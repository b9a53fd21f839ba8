package com.boxncase.invites.notifier;

import java.util.Locale;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a sending address that no mail server beyond this machine accepts, so that a deployment
 * that forgot to configure its sender does not send invitations from {@code invites@boxncase.local} (or fail to
 * send them at all). Such addresses ({@code .local}, {@code .localhost}, {@code localhost}) belong to the
 * {@code local} profile, whose {@code application-local.yml} sets one for {@code ./run-local} and the tests.
 */
@Component
class SenderAddressCheck implements InitializingBean {

    static final String LOCAL_PROFILE = "local";

    private final NotifierProperties properties;
    private final Environment environment;

    SenderAddressCheck(NotifierProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        String address = properties.email().fromAddress();
        if (isLocalOnly(address) && !environment.matchesProfiles(LOCAL_PROFILE)) {
            throw new IllegalStateException("invites.notifier.email.from-address is " + address
                    + ", a local-only domain that mail servers elsewhere refuse or mark as spam. Set"
                    + " INVITES_NOTIFIER_EMAIL_FROMADDRESS to an address of your sending domain, or run with the"
                    + " '" + LOCAL_PROFILE + "' profile on a development machine.");
        }
    }

    static boolean isLocalOnly(String address) {
        if (address == null) {
            return false;
        }
        String domain = address.substring(address.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        return domain.equals("localhost") || domain.endsWith(".local") || domain.endsWith(".localhost");
    }
}
