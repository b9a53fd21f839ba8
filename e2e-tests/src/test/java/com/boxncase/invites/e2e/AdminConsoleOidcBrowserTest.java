package com.boxncase.invites.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The standalone console in production mode: OpenID Connect authorization code with PKCE against the configured
 * issuer (a stub provider here), in a real headless Chromium; invite-api verifies the issuer's tokens.
 */
class AdminConsoleOidcBrowserTest {

    private static final String STORE = "store-" + UUID.randomUUID().toString().substring(0, 8);

    private static StubIdentityProvider issuer;
    private static Pipeline pipeline;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(ConsoleBrowser.available(), "no Chromium at /usr/bin/chromium");
        issuer = new StubIdentityProvider(STORE);
        pipeline = Pipeline.start(List.of(
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.issuer(),
                "--invites.console.oidc.client-id=" + StubIdentityProvider.CLIENT_ID));
    }

    @AfterAll
    static void stop() throws IOException {
        if (pipeline != null) {
            pipeline.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void adminSignsInWithTheIssuerUsingPkceAndTheConsoleUsesTheIssuersToken() {
        String base = "http://127.0.0.1:" + pipeline.inviteApiPort();
        try (ConsoleBrowser browser = new ConsoleBrowser("adminSignsInWithTheIssuerUsingPkce")) {
            browser.open(base + "/admin");
            browser.screenshots("oidc-sign-in");
            browser.page("main .button").click();

            assertThat(browser.in(".console__store").getText()).isEqualTo("Store: " + STORE);
            assertThat(browser.page("#signed-in-as").getText()).isEqualTo("Signed in as Olive Oidc");
            assertThat(issuer.redeemed()).isEqualTo(1);
            // The code is gone from the address bar and the API accepted the issuer's token.
            assertThat((String) browser.js().executeScript("return location.href;"))
                    .isEqualTo(base + "/admin");
            browser.withText(".empty", "No users yet. Invite someone to help run this store.");
            browser.withText(".empty", "No invites to show.");
            assertThat(browser.all(".banner--error")).isEmpty();
            browser.screenshots("oidc-signed-in");
        }
    }
}
