package com.boxncase.invites.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.boxncase.invites.document.InviteDocument;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.WebElement;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/**
 * The invitee's accept page in a real headless Chromium against invite-api and notifier-worker: each state the link
 * can be in (valid, expired, revoked, replaced, accepted, unknown, network error, rate-limited), in English and in
 * German, with a screenshot per state under {@code target/screenshots/accept-page/<state>-<language>.png}; the token
 * leaves the address bar once read; and an invitee who presses Accept twice quickly accepts once and is taken on to
 * sign in. One browser for the class; each language is the browser's (emulated) and the invitation's.
 */
class AcceptPageBrowserTest {

    private static final String ZONE = "America/New_York";

    /** The headings the invitee reads, per state and language (the page's texts.js). */
    private static final Map<String, Map<String, String>> HEADINGS = Map.of(
            "en",
            Map.of(
                    "valid", "Accept your invitation",
                    "expired", "This invitation has expired",
                    "revoked", "This invitation was revoked",
                    "replaced", "A newer invitation was sent to you",
                    "accepted", "You already accepted this invitation",
                    "unknown", "This invitation link is not valid",
                    "network-error", "We could not reach the invitation service",
                    "rate-limited", "Too many attempts",
                    "welcome", "Welcome aboard!"),
            "de",
            Map.of(
                    "valid", "Einladung annehmen",
                    "expired", "Diese Einladung ist abgelaufen",
                    "revoked", "Diese Einladung wurde widerrufen",
                    "replaced", "Sie haben eine neuere Einladung erhalten",
                    "accepted", "Sie haben diese Einladung bereits angenommen",
                    "unknown", "Dieser Einladungslink ist ungültig",
                    "network-error", "Der Einladungsdienst ist nicht erreichbar",
                    "rate-limited", "Zu viele Versuche",
                    "welcome", "Willkommen an Bord!"));

    private static Pipeline pipeline;
    private static InviteApiClient api;
    private static ConsoleBrowser browser;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(
                ConsoleBrowser.available(),
                "no Chromium at /usr/bin/chromium (apt-get install chromium chromium-driver)");
        pipeline = Pipeline.start(List.of(
                // as behind a TLS proxy: the rate limit counts the forwarded client (Tomcat trusts 127.0.0.1 as a
                // proxy), so the rate-limited state can be reached for one client without touching the others
                "--server.forward-headers-strategy=native",
                "--invites.http.accept-rate-limit.requests=60",
                "--invites.http.accept-rate-limit.per=1h"));
        api = pipeline.api();
        base = "http://127.0.0.1:" + pipeline.inviteApiPort();
        browser = new ConsoleBrowser("accept-page");
        browser.devTools("Network.enable", Map.of());
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void acceptPageShowsEveryStateOfTheLinkInTheInvitationsLanguage(String language) {
        speak(language);
        String storeId = store(language.equals("de") ? "Kisten & Koffer" : "Boxes & Cases");
        String storeName = language.equals("de") ? "Kisten & Koffer" : "Boxes & Cases";

        // valid: the invitation, its role by name, the expiry in the store's zone with the zone named
        String email = email();
        JsonNode invite = api.invite(storeId, email, language);
        String token = api.linkToken(storeId, invite.path("id").asString());
        open(token);
        String valid = state("valid", language);
        assertThat(valid).contains(storeName, email);
        assertThat(valid)
                .contains("Administrator")
                .contains(language.equals("de") ? "Administratoren können" : "Administrators can")
                .contains(expiryLine(Instant.parse(invite.path("expiresAt").asString()), language))
                .contains(ZONE);
        assertThat(browser.page("label[for=name]").getText())
                .isEqualTo(language.equals("de") ? "Ihr Name" : "Your name");
        assertThat(browser.page("html").getAttribute("lang")).isEqualTo(language);
        assertTokenGone();
        browser.screenshotsNamed("valid-" + language);
        // the tab keeps the token: a reload still shows the invitation
        browser.reload();
        state("valid", language);

        // expired: the invite's period is over (its expiry moved into the past, as time would)
        String expired = api.invite(storeId, email(), language).path("id").asString();
        String expiredToken = api.linkToken(storeId, expired);
        pipeline.inviteApi()
                .getBean(MongoTemplate.class)
                .updateFirst(
                        Query.query(Criteria.where(InviteDocument.ID).is(expired)),
                        Update.update(InviteDocument.EXPIRES_AT, Instant.now().minus(Duration.ofHours(1)))
                                .inc(InviteDocument.VERSION, 1),
                        InviteDocument.COLLECTION);
        open(expiredToken);
        assertThat(state("expired", language)).contains(storeName);
        assertTokenGone();
        browser.screenshotsNamed("expired-" + language);

        // revoked: deleted by the admin
        String revoked = api.invite(storeId, email(), language).path("id").asString();
        String revokedToken = api.linkToken(storeId, revoked);
        api.delete(storeId, revoked);
        open(revokedToken);
        state("revoked", language);
        browser.screenshotsNamed("revoked-" + language);

        // replaced: an older link after a resend
        String resent = api.invite(storeId, email(), language).path("id").asString();
        String replacedToken = api.linkToken(storeId, resent);
        api.resend(storeId, resent);
        open(replacedToken);
        assertThat(state("replaced", language)).contains(storeName);
        browser.screenshotsNamed("replaced-" + language);

        // accepted: a friendly state with the way to sign in, not an error
        String accepted = api.invite(storeId, email(), language).path("id").asString();
        String acceptedToken = api.linkToken(storeId, accepted);
        assertThat(api.acceptAs(acceptedToken, "Ada Lovelace").status()).isEqualTo(201);
        open(acceptedToken);
        assertThat(state("accepted", language)).contains(storeName);
        assertThat(browser.page("a.sign-in-link").getAttribute("href")).isEqualTo(signInUrl());
        browser.screenshotsNamed("accepted-" + language);

        // unknown: nothing is known of the link, so the browser's language speaks
        open("not-a-link-" + UUID.randomUUID());
        state("unknown", language);
        assertTokenGone();
        browser.screenshotsNamed("unknown-" + language);

        // network error: the API cannot be reached; the page offers to try again, and that works once it can
        browser.devTools("Network.setBlockedURLs", Map.of("urls", List.of("*/api/v1/invites/accept*")));
        try {
            open(token);
            state("network-error", language);
            assertTokenGone();
            browser.screenshotsNamed("network-error-" + language);
        } finally {
            browser.devTools("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
        browser.page("main button").click();
        state("valid", language);

        // rate-limited: this client used up its allowance; the page says how long to wait
        String client = "198.51.100." + (language.equals("de") ? 2 : 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.previewFrom(client, "exhausting").status() == 429);
        browser.devTools("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("X-Forwarded-For", client)));
        try {
            open(token);
            assertThat(state("rate-limited", language)).containsPattern("\\d+ (seconds?|minutes?|Sekunden?|Minuten?)");
            assertThat(browser.page("main button").isEnabled()).isFalse();
            browser.screenshotsNamed("rate-limited-" + language);
        } finally {
            browser.devTools("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
        }
    }

    @Test
    void acceptingTwiceQuicklyCreatesOneAcceptanceAndTheNewAdminIsTakenToSignIn() {
        speak("en");
        String storeId = store("Boxes & Cases");
        String inviteId = api.invite(storeId, email(), "en").path("id").asString();
        open(api.linkToken(storeId, inviteId));
        state("valid", "en");
        browser.js()
                .executeScript("window.acceptPosts = 0; const send = window.fetch;"
                        + " window.fetch = function (url, options) {"
                        + "   if (options && options.method === 'POST') window.acceptPosts++;"
                        + "   return send.apply(this, arguments); };");

        browser.page("input#name").sendKeys("Grace Hopper");
        WebElement accept = browser.page("form.accept-form button[type=submit]");
        browser.actions().doubleClick(accept).perform();

        String welcome = state("welcome", "en");
        assertThat(welcome).contains("You can now help run Boxes & Cases as Administrator.");
        assertThat(welcome).containsPattern("Taking you to sign in in \\d seconds?\\.");
        assertThat(browser.page("#announcer").getAttribute("textContent")).contains("Welcome aboard!");
        assertThat(((Number) browser.js().executeScript("return window.acceptPosts;")).intValue())
                .as("requests sent by two quick presses")
                .isEqualTo(1);
        browser.screenshotsNamed("welcome-en");
        assertThat(api.users(storeId)).hasSize(1);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(api.audit(storeId, inviteId).stream()
                                .filter(entry -> entry.path("action").asString().equals("ACCEPTED"))
                                .count())
                        .isEqualTo(1));

        // announced, and then done: the sign-in page
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.currentUrl().equals(signInUrl()));
    }

    @Test
    void theRedirectToSignInCanBeCancelled() {
        speak("de");
        String storeId = store("Kisten & Koffer");
        String inviteId = api.invite(storeId, email(), "de").path("id").asString();
        open(api.linkToken(storeId, inviteId));
        state("valid", "de");
        browser.page("input#name").sendKeys("Grete Müller");
        browser.page("form.accept-form button[type=submit]").click();
        state("welcome", "de");

        browser.page("main button").click();
        assertThat(browser.page("main .countdown").getText())
                .isEqualTo("Sie bleiben auf dieser Seite. Über den Link oben melden Sie sich an.");
        String page = browser.currentUrl();
        await().during(Duration.ofSeconds(10))
                .atMost(Duration.ofSeconds(15))
                .until(() -> browser.currentUrl().equals(page));
        browser.screenshotsNamed("welcome-stayed-de");
    }

    /** A store in New York's time zone whose invitees continue to the console's sign-in. */
    private static String store(String storeName) {
        String storeId = "store-" + UUID.randomUUID().toString().substring(0, 8);
        api.settings(
                storeId,
                "{\"storeName\": \"" + storeName + "\", \"channels\": [\"EMAIL\"], \"timeZone\": \"" + ZONE
                        + "\", \"signInUrl\": \"" + signInUrl() + "\"}");
        return storeId;
    }

    private static String signInUrl() {
        return base + "/admin";
    }

    private static String email() {
        return "invitee." + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    /** The browser's language, as the invitee's machine would have it (before the invitation names its own). */
    private static void speak(String language) {
        String tags = language.equals("de") ? "de-DE,de" : "en-US,en";
        String userAgent = (String) browser.js().executeScript("return navigator.userAgent;");
        browser.devTools("Emulation.setUserAgentOverride", Map.of("userAgent", userAgent, "acceptLanguage", tags));
        browser.devTools("Emulation.setLocaleOverride", Map.of("locale", language.equals("de") ? "de-DE" : "en-US"));
    }

    private static void open(String token) {
        browser.open(base + "/accept?token=" + token);
    }

    /** Waits for the state's heading, checks it was announced, and returns the page's text. */
    private static String state(String state, String language) {
        String heading = HEADINGS.get(language).get(state);
        browser.eventually(() -> browser.page("main h1").getText(), heading::equals);
        browser.eventually(
                () -> browser.page("#announcer").getAttribute("textContent"), text -> text.startsWith(heading));
        return browser.page("main").getText();
    }

    private static void assertTokenGone() {
        assertThat(browser.currentUrl()).isEqualTo(base + "/accept");
    }

    /**
     * The expiry as the page writes it: "Tuesday, March 17, 2026, 11:30 PM EDT" / "Dienstag, 17. März 2026, 23:30 Uhr"
     * (the hour numeric, so "1:06 Uhr" before ten, not "01:06").
     */
    private static String expiryLine(Instant expiresAt, String language) {
        ZonedDateTime local = expiresAt.atZone(ZoneId.of(ZONE));
        return language.equals("de")
                ? DateTimeFormatter.ofPattern("EEEE, d. MMMM yyyy, H:mm 'Uhr'", Locale.GERMAN)
                        .format(local)
                : DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy, h:mm a zzz", Locale.ENGLISH)
                        .format(local);
    }
}
