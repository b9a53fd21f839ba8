package com.boxncase.invites.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.DeliveryState;
import com.boxncase.invites.document.DeliveryRecord;
import com.boxncase.invites.document.InviteDocument;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The admin console in a real headless Chromium, against invite-api and notifier-worker running together (one
 * embedded Kafka broker, the MongoDB-wire server, GreenMail): the standalone console at /admin with the local
 * sign-in, and the same component embedded in a plain page of another origin. Each test saves screenshots at
 * desktop and phone widths under {@code target/screenshots/<test>}.
 */
class AdminConsoleBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Pattern LINK = Pattern.compile("https?://\\S+[?&]token=([A-Za-z0-9_\\-]+)");

    private static HttpServer hostSite;
    private static Pipeline pipeline;
    private static String base;

    private ConsoleBrowser browser;
    private final String storeId = "store-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(
                ConsoleBrowser.available(),
                "no Chromium at /usr/bin/chromium (apt-get install chromium chromium-driver)");
        // A platform's admin page on its own origin, allowed to embed the console (CORS).
        hostSite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hostSite.start();
        String hostOrigin = "http://127.0.0.1:" + hostSite.getAddress().getPort();
        pipeline = Pipeline.start(
                List.of("--spring.profiles.active=local", "--invites.http.cors.allowed-origins=" + hostOrigin));
        base = "http://127.0.0.1:" + pipeline.inviteApiPort();
    }

    @AfterAll
    static void stop() throws IOException {
        if (pipeline != null) {
            pipeline.close();
        }
        if (hostSite != null) {
            hostSite.stop(0);
        }
    }

    @BeforeEach
    void openBrowser(TestInfo test) {
        pipeline.smtp().up();
        browser = new ConsoleBrowser(test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void adminInvitesThenCopiesResendsAndDeletesTheInviteFromItsRowMenu() throws Exception {
        String email = "grace." + UUID.randomUUID().toString().substring(0, 6) + "@example.test";
        signIn();

        // Invite by email, with the notifier paused so the row is seen queued before it is sent.
        MessageListenerContainer notify = notifier().getListenerContainer("notify");
        notify.stop();
        try {
            browser.in(".heading-row__actions .button").click();
            browser.in("input[name=email]").sendKeys(email);
            browser.in("input[type=radio][value=ADMIN]").click();
            browser.in("textarea[name=message]").sendKeys("Welcome to the team!");
            browser.screenshots("invite-form");
            browser.in("form.invite-form button[type=submit]").click();

            assertThat(browser.in(".banner__heading").getText()).isEqualTo("Invite sent to " + email + ".");
            assertThat(deliveryState(email)).isEqualTo("QUEUED");
            assertThat(row(email).getText())
                    .contains("Email: queued", "Erin Admin", "ADMIN", "Not sent yet", "in 7 days");
            browser.screenshots("row-queued");
        } finally {
            notify.start();
        }
        // Delivery shows up without a reload: the table follows the status events.
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(deliveryState(email)).isEqualTo("SENT"));
        assertThat(row(email).getText()).contains("Email: sent", "sent once");
        String firstLink = linkIn(awaitEmails(email, 1).get(0));
        browser.screenshots("row-sent");

        // Copy invite link, by keyboard: Enter opens the menu on its first item, arrows move, Enter chooses.
        browser.allowClipboard(base);
        WebElement menuButton = menuButton(email);
        menuButton.sendKeys(Keys.ENTER);
        assertThat(browser.focusedInConsole().getText()).isEqualTo("Resend invite");
        browser.focusedInConsole().sendKeys(Keys.ARROW_DOWN);
        assertThat(browser.focusedInConsole().getText()).isEqualTo("Copy invite link");
        browser.screenshots("row-menu");
        browser.focusedInConsole().sendKeys(Keys.ENTER);
        browser.eventually(() -> browser.in(".banner__heading").getText(), text -> text.contains("copied"));
        assertThat(browser.clipboard()).isEqualTo(firstLink);
        browser.screenshots("link-copied");

        // Resend: a new email with a new link; the old link is refused.
        choose(email, "Resend invite");
        browser.eventually(() -> browser.in(".banner__heading").getText(), text -> text.startsWith("Invite resent"));
        String secondLink = linkIn(awaitEmails(email, 2).get(1));
        assertThat(secondLink).isNotEqualTo(firstLink);
        choose(email, "Copy invite link");
        browser.eventually(() -> browser.clipboard(), secondLink::equals);
        browser.open(acceptPage(firstLink));
        browser.eventually(browser::pageText, text -> text.contains("A newer invitation was sent to you"));
        browser.screenshots("old-link-refused");

        // Delete: Escape closes the pop-up and focus returns to the row's menu button; Delete removes the row.
        browser.open(base + "/admin");
        signIn();
        choose(email, "Delete");
        WebElement dialog = browser.in("dialog.dialog");
        assertThat(dialog.getText()).contains("Delete the invite for " + email + "?");
        assertThat(browser.focusedInConsole().getText()).isEqualTo("Cancel");
        browser.screenshots("delete-dialog");
        browser.focusedInConsole().sendKeys(Keys.ESCAPE);
        browser.eventually(() -> browser.all("dialog.dialog").isEmpty(), gone -> gone);
        assertThat(browser.focusedInConsole().getAttribute("aria-label")).isEqualTo("Actions for " + email);
        choose(email, "Delete");
        browser.withText("dialog.dialog button", "Delete").click();
        browser.eventually(
                () -> browser.all("tr[data-invite-id]").stream()
                        .noneMatch(r -> r.getText().contains(email)),
                gone -> gone);
        assertThat(browser.in(".banner__heading").getText()).isEqualTo("Invite for " + email + " deleted.");
        browser.screenshots("deleted");
        browser.open(acceptPage(secondLink));
        browser.eventually(browser::pageText, text -> text.contains("This invitation was revoked"));
        browser.screenshots("link-revoked");

        // Inviting an address that already has an open invite: the 409 beside the email field.
        browser.open(base + "/admin");
        signIn();
        invite(email);
        assertThat(browser.in(".banner__heading").getText()).isEqualTo("Invite sent to " + email + ".");
        invite(email);
        WebElement fieldError = browser.in("[data-field=email] .error-message");
        assertThat(fieldError.getText()).startsWith("Error:").contains("already invited on", "still open");
        assertThat(browser.in(".error-summary").getText()).contains("There is a problem", "already invited on");
        browser.in(".error-summary a").click();
        assertThat(browser.focusedInConsole().getAttribute("name")).isEqualTo("email");
        browser.screenshots("already-invited");
    }

    @Test
    void storeThatSendsSmsAsksForThePhoneNumberAndTheApiErrorStandsBesideIt() {
        signIn();
        browser.in(".heading-row__actions .button").click();
        browser.in("input[name=email]");
        assertThat(browser.all("input[name=phone]")).isEmpty();

        browser.withText(".tabs__tab", "Store settings").click();
        browser.in("input[type=checkbox][value=SMS]").click();
        browser.screenshots("settings");
        browser.withText("button[type=submit]", "Save settings").click();
        browser.eventually(() -> browser.in(".banner__heading").getText(), "Store settings saved."::equals);

        browser.withText(".tabs__tab", "Users").click();
        browser.in(".heading-row__actions .button").click();
        WebElement phone = browser.in("input[name=phone]");
        assertThat(browser.in("[data-field=phone] label").getText()).isEqualTo("Phone number (optional)");
        browser.in("input[name=email]").sendKeys("sms.user@example.test");
        phone.sendKeys("12345");
        browser.in("input[type=radio][value=STAFF]").click();
        browser.in("form.invite-form button[type=submit]").click();
        assertThat(browser.in("[data-field=phone] .error-message").getText())
                .contains("Enter a phone number in international format");
        browser.screenshots("sms-phone-field");
    }

    @Test
    void expiredRowSaysWhenItLeavesTheTableAndTheReminderShowsApartFromTheResend() {
        String email = "expired." + UUID.randomUUID().toString().substring(0, 6) + "@example.test";
        String inviteId = pipeline.api().invite(storeId, email).path("id").asString();
        pipeline.api().resend(storeId, inviteId);
        // What the expiry-worker writes (it does not run here): a reminder sent, then the expiry with its purge date.
        Instant now = Instant.now();
        DeliveryRecord reminder = new DeliveryRecord(
                DeliveryState.SENT,
                Channel.EMAIL,
                1,
                null,
                now,
                DeliveryState.SENT.progress(1),
                "reminder-e2e",
                null,
                null);
        pipeline.inviteApi()
                .getBean(MongoTemplate.class)
                .updateFirst(
                        Query.query(Criteria.where(InviteDocument.ID).is(inviteId)),
                        new Update()
                                .set(InviteDocument.REMINDER_COMMAND_ID, "reminder-e2e")
                                .set(
                                        InviteDocument.REMINDER_DELIVERIES,
                                        new org.bson.Document("EMAIL", reminder.toDocument()))
                                .set(InviteDocument.STATUS, "EXPIRED")
                                .set(InviteDocument.EXPIRES_AT, now.minus(Duration.ofHours(2)))
                                .set(InviteDocument.EXPIRED_AT, now.minus(Duration.ofHours(1)))
                                .set(InviteDocument.PURGE_AT, now.plus(Duration.ofDays(90)))
                                .inc(InviteDocument.VERSION, 1),
                        InviteDocument.COLLECTION);

        signIn();
        browser.eventually(() -> row(email).getText(), text -> text.contains("removed on"));
        assertThat(row(email).getText()).contains("expired", "Email (resend):", "Email (reminder): sent");
        browser.screenshots("expired-row");
    }

    @Test
    void templatesAreCheckedAndPreviewedAndOperatorsSeeTheDeliveryHealth() {
        signIn(true);
        browser.withText(".tabs__tab", "Templates").click();
        assertThat(browser.in(".source").getText()).startsWith("The default template (en)");
        browser.withText("button", "Check and preview").click();
        assertThat(browser.in(".preview").getText()).contains("Subject:");
        assertThat(browser.in("iframe.preview__frame").getAttribute("sandbox")).isEmpty();

        browser.in("input[type=radio][value=SMS]").click();
        browser.withText("button", "Show template").click();
        browser.eventually(() -> browser.in("textarea[name=text]").getAttribute("value"), text -> !text.isBlank());
        assertThat(browser.all("input[name=subject]").stream().noneMatch(WebElement::isDisplayed))
                .isTrue();
        WebElement text = browser.in("textarea[name=text]");
        text.clear();
        text.sendKeys("Join ${storeName} <#if>");
        browser.withText("button", "Check and preview").click();
        assertThat(browser.in("[data-field=text] .error-message").getText()).contains("Text part, line 1, column");
        text.clear();
        text.sendKeys("Join ${storeName}: ${acceptUrl}");
        browser.withText("button", "Check and preview").click();
        assertThat(browser.in(".preview").getText()).contains("GSM-7: 1 SMS segment");
        browser.screenshots("sms-template-preview");

        browser.withText(".tabs__tab", "Audit").click();
        assertThat(browser.in(".view").getText()).contains("Audit");
        browser.withText(".tabs__tab", "Operations").click();
        assertThat(browser.in(".summary-cards").getText()).contains("Dead letters, last 15 minutes", "Consumer lag");
        browser.screenshots("operations");
    }

    @Test
    void componentEmbeddedInAPlainPageOfAnotherOriginInvitesWithTheTokenItWasHanded() {
        String email = "embedded." + UUID.randomUUID().toString().substring(0, 6) + "@example.test";
        String token = Tokens.storeAdmin(storeId);
        // The three lines of the README, as a platform's page would have them (the token from its backend).
        String page = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>Platform admin</title></head>
                <body><h1>Platform admin</h1>
                <script type="module" src="%s/admin/console/invites-console.js"></script>
                <invites-console store-id="%s"></invites-console>
                <script>document.querySelector("invites-console").token = "%s";</script>
                </body></html>
                """.formatted(base, storeId, token);
        hostSite.createContext("/" + storeId, exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });

        browser.open("http://127.0.0.1:" + hostSite.getAddress().getPort() + "/" + storeId);
        assertThat(browser.in(".console__store").getText()).isEqualTo("Store: " + storeId);
        invite(email);
        assertThat(browser.in(".banner__heading").getText()).isEqualTo("Invite sent to " + email + ".");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(deliveryState(email)).isEqualTo("SENT"));
        assertThat(awaitEmails(email, 1)).hasSize(1);
        browser.screenshots("embedded-invite-sent");
    }

    private void signIn() {
        signIn(false);
    }

    private void signIn(boolean operations) {
        browser.open(base + "/admin");
        WebElement stores = browser.page("input[name=stores]");
        WebElement name = browser.page("input[name=name]");
        name.clear();
        name.sendKeys("Erin Admin");
        stores.clear();
        stores.sendKeys(storeId);
        if (operations) {
            browser.page("input[type=checkbox][value=ops]").click();
        }
        browser.screenshots("sign-in");
        browser.page("form.sign-in button[type=submit]").click();
        assertThat(browser.in(".console__store").getText()).isEqualTo("Store: " + storeId);
    }

    private void invite(String email) {
        browser.in(".heading-row__actions .button").click();
        WebElement field = browser.in("input[name=email]");
        field.clear();
        field.sendKeys(email);
        browser.in("input[type=radio][value=ADMIN]").click();
        browser.in("form.invite-form button[type=submit]").click();
    }

    private WebElement row(String email) {
        return browser.eventually(
                () -> browser.all("tr[data-invite-id]").stream()
                        .filter(r -> r.getText().contains(email))
                        .findFirst()
                        .orElseThrow(),
                WebElement::isDisplayed);
    }

    /**
     * The row's email delivery state. The table's polling re-renders rows, so a row found just before a re-render
     * goes stale: it is found again (a few times at most; a table that never settles still fails).
     */
    private String deliveryState(String email) {
        for (int attempt = 1; ; attempt++) {
            try {
                return row(email)
                        .findElement(org.openqa.selenium.By.cssSelector("[data-state]"))
                        .getAttribute("data-state");
            } catch (org.openqa.selenium.StaleElementReferenceException rerendered) {
                if (attempt == 5) {
                    throw rerendered;
                }
            }
        }
    }

    private WebElement menuButton(String email) {
        return browser.in("button[aria-label='Actions for " + email + "']");
    }

    /** Opens the row's ⋯ menu with the mouse and chooses {@code item}. */
    private void choose(String email, String item) {
        menuButton(email).click();
        browser.withText("[role=menuitem]", item).click();
    }

    private String acceptPage(String link) {
        Matcher token = LINK.matcher(link);
        assertThat(token.find()).isTrue();
        return base + "/accept?token=" + token.group(1);
    }

    private static KafkaListenerEndpointRegistry notifier() {
        return pipeline.notifier().getBean(KafkaListenerEndpointRegistry.class);
    }

    private static List<MimeMessage> awaitEmails(String recipient, int count) {
        return await().atMost(PATIENCE)
                .until(
                        () -> Arrays.stream(pipeline.mail().getReceivedMessages())
                                .filter(message -> isFor(message, recipient))
                                .toList(),
                        messages -> messages.size() >= count);
    }

    private static boolean isFor(MimeMessage message, String recipient) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(recipient));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The invite link in the email's plain-text part. */
    private static String linkIn(MimeMessage email) throws MessagingException, IOException {
        Object content = email.getContent();
        String text = null;
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    text = (String) part.getContent();
                }
            }
        } else {
            text = (String) content;
        }
        assertThat(text).isNotNull();
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("a link with a token in:%n%s", text).isTrue();
        return link.group();
    }
}
