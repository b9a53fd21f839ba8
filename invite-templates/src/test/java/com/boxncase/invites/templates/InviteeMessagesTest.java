package com.boxncase.invites.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.templates.SmsSegments.Encoding;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the invitee reads (issue 14, items 1, 2, 6, 7; issue 11, item 10). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InviteeMessagesTest {

    /** Expires 2026-03-18T03:30Z: still March 17, 11:30 PM in New York (EDT since March 8). */
    static final Instant EXPIRES_AT = Instant.parse("2026-03-18T03:30:00Z");

    static final Instant THREE_DAYS_BEFORE = EXPIRES_AT.minus(Duration.ofDays(3));
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final TemplateRenderer renderer =
            new TemplateRenderer(RenderLimits.DEFAULT, Clock.fixed(THREE_DAYS_BEFORE, ZoneOffset.UTC));
    private final RoleCatalog roles = RoleCatalog.shipped();

    @AfterAll
    void stopRenderThreads() {
        renderer.close();
    }

    @Test
    void theExpiryOfANewYorkStoresInviteNamesTheLocalDayTimeAndZoneInEnglishAndGerman() {
        RenderedEmail english = email(NotifyReason.INVITE, "en", model("en").build());
        RenderedEmail german = email(NotifyReason.INVITE, "de", model("de").build());
        RenderedSms sms = sms(NotifyReason.INVITE, "en", model("en").build());

        assertThat(english.text())
                .contains("This invitation expires in 3 days, on Tuesday, March 17, 2026, 11:30 PM EDT.")
                .doesNotContain("March 18");
        assertThat(english.html()).contains("expires in 3 days, on Tuesday, March 17, 2026, 11:30 PM EDT");
        assertThat(german.text())
                .contains("Die Einladung läuft in 3 Tagen ab, am Dienstag, 17. März 2026, 23:30 Uhr EDT.")
                .doesNotContain("18. März");
        assertThat(sms.text()).contains("accept by March 17, 2026, 11:30 PM EDT:");
    }

    @Test
    void theStoresZoneDecidesTheDayAndTheDefaultZoneIsUtc() {
        RenderedEmail berlin = email(
                NotifyReason.INVITE,
                "de",
                model("de").timeZone(ZoneId.of("Europe/Berlin")).build());
        RenderedEmail utc =
                email(NotifyReason.INVITE, "en", model("en").timeZone(null).build());

        assertThat(berlin.text()).contains("am Mittwoch, 18. März 2026, 04:30 Uhr MEZ");
        assertThat(utc.text()).contains("on Wednesday, March 18, 2026, 3:30 AM UTC");
    }

    @Test
    void theRelativeExpiryCountsDaysThenHoursFromWhenTheMessageIsRendered() {
        assertThat(ExpiryText.of(EXPIRES_AT, NEW_YORK, Locale.ENGLISH, EXPIRES_AT.minus(Duration.ofHours(30)))
                        .relative())
                .isEqualTo("in 1 day");
        assertThat(ExpiryText.of(EXPIRES_AT, NEW_YORK, Locale.ENGLISH, EXPIRES_AT.minus(Duration.ofHours(5)))
                        .relative())
                .isEqualTo("in 5 hours");
        assertThat(ExpiryText.of(EXPIRES_AT, NEW_YORK, Locale.GERMAN, EXPIRES_AT.minus(Duration.ofHours(1)))
                        .relative())
                .isEqualTo("in 1 Stunde");
        assertThat(ExpiryText.of(EXPIRES_AT, NEW_YORK, Locale.GERMAN, EXPIRES_AT.minus(Duration.ofMinutes(20)))
                        .relative())
                .isEqualTo("in weniger als einer Stunde");
        assertThat(ExpiryText.of(EXPIRES_AT, NEW_YORK, Locale.GERMAN, EXPIRES_AT.minus(Duration.ofDays(7)))
                        .relative())
                .isEqualTo("in 7 Tagen");
    }

    @Test
    void eachKindHasItsOwnSubjectAndWordingInEveryShippedLanguage() {
        for (String language : DefaultTemplates.LOCALES) {
            Set<String> subjects = new HashSet<>();
            Set<String> texts = new HashSet<>();
            Set<String> smsTexts = new HashSet<>();
            for (NotifyReason kind : NotifyReason.values()) {
                InviteModel model = model(language).kind(kind).build();
                RenderedEmail email = email(kind, language, model);
                subjects.add(email.subject());
                texts.add(email.text());
                smsTexts.add(sms(kind, language, model).text());
            }
            assertThat(subjects).as(language).hasSize(3);
            assertThat(texts).as(language).hasSize(3);
            assertThat(smsTexts).as(language).hasSize(3);
        }
        InviteModel resend = model("en").kind(NotifyReason.RESEND).build();
        assertThat(email(NotifyReason.RESEND, "en", resend).text())
                .contains("It replaces the one sent to you earlier, whose link no longer works.");
        assertThat(email(NotifyReason.RESEND, "de", resend).text())
                .contains("Sie ersetzt die frühere, deren Link nicht mehr funktioniert.");
        assertThat(sms(NotifyReason.RESEND, "en", resend).text()).contains("the earlier link no longer works");
        InviteModel reminder = model("en").kind(NotifyReason.REMINDER).build();
        assertThat(email(NotifyReason.REMINDER, "en", reminder).subject())
                .isEqualTo("Reminder: your invitation to manage Corner Shop expires in 3 days");
        assertThat(email(NotifyReason.REMINDER, "de", reminder).subject())
                .isEqualTo("Erinnerung: Ihre Einladung für Corner Shop läuft in 3 Tagen ab");
        assertThat(sms(NotifyReason.REMINDER, "de", reminder).text()).startsWith("Erinnerung:");
    }

    @Test
    void rolesAppearByNameAndDescriptionInTheMessagesLanguageNeverByCode() {
        RenderedEmail english = email(NotifyReason.INVITE, "en", model("en").build());
        RenderedEmail german = email(NotifyReason.INVITE, "de", model("de").build());
        RenderedSms staff = sms(
                NotifyReason.INVITE,
                "de",
                model("de").role(roles.describe("STAFF", Locale.GERMAN)).build());

        assertThat(english.text())
                .contains("to help manage Corner Shop as Administrator. Administrators can change the store's")
                .doesNotContain("ADMIN");
        assertThat(english.html())
                .contains("as <strong>Administrator</strong>.")
                .doesNotContain("ADMIN");
        assertThat(german.text())
                .contains("Corner Shop als Administrator mitzuverwalten. Administratoren können")
                .doesNotContain("ADMIN");
        assertThat(staff.text()).contains("als Teammitglied").doesNotContain("STAFF");
    }

    @Test
    void configuredRoleNamesOverrideTheShippedOnesAndUnknownRolesAreMadeReadable() {
        RoleCatalog configured = new RoleCatalog(Map.of(
                "admin", Map.of("en", new RoleCatalog.Label("Store owner", "Runs the store.")),
                "MANAGER", Map.of("fr", new RoleCatalog.Label("Gérant", "Gère la boutique."))));

        assertThat(configured.describe("ADMIN", Locale.ENGLISH))
                .isEqualTo(new RoleText("ADMIN", "Store owner", "Runs the store."));
        assertThat(configured.describe("ADMIN", Locale.GERMAN).name()).isEqualTo("Administrator");
        assertThat(configured
                        .describe("MANAGER", Locales.candidates("fr-CA", "de"))
                        .name())
                .isEqualTo("Gérant");
        assertThat(configured.describe("MANAGER", Locale.ENGLISH).name()).isEqualTo("Manager");
        assertThat(RoleCatalog.shipped().describe("STORE_OWNER", Locale.ENGLISH).name())
                .isEqualTo("Store owner");
        assertThat(configured.unnamed(List.of("ADMIN", "STAFF", "MANAGER")))
                .containsExactly("invites.templates.roles.MANAGER.en.name");
    }

    @Test
    void withoutAnInviterNameTheMessagesReadNaturally() {
        for (NotifyReason kind : NotifyReason.values()) {
            for (String language : DefaultTemplates.LOCALES) {
                InviteModel model = model(language).kind(kind).inviterName(null).build();
                RenderedEmail email = email(kind, language, model);
                RenderedSms sms = sms(kind, language, model);
                for (String part : List.of(email.subject(), email.text(), sms.text())) {
                    assertThat(part)
                            .as(kind + " " + language)
                            .doesNotStartWith(" ")
                            .doesNotContain(" invited you")
                            .doesNotContain(" hat Sie eingeladen")
                            .doesNotContain("  ")
                            .doesNotContain("null");
                }
            }
        }
        assertThat(email(
                                NotifyReason.INVITE,
                                "en",
                                model("en").inviterName(null).build())
                        .subject())
                .isEqualTo("You're invited to manage Corner Shop");
        assertThat(email(
                                NotifyReason.INVITE,
                                "de",
                                model("de").inviterName("  ").build())
                        .subject())
                .isEqualTo("Sie sind eingeladen, Corner Shop mitzuverwalten");
        assertThat(sms(NotifyReason.INVITE, "en", model("en").inviterName(null).build())
                        .text())
                .startsWith("You're invited to manage Corner Shop as Administrator.");
    }

    @Test
    void messagesSayWhatHappensAfterClickingAndTheHtmlCarriesThePlainLink() {
        RenderedEmail english = email(NotifyReason.INVITE, "en", model("en").build());
        RenderedEmail german = email(NotifyReason.REMINDER, "de", model("de").build());
        RenderedEmail withSignIn = email(
                NotifyReason.INVITE,
                "en",
                model("en").signInUrl("https://admin.example/login").build());

        assertThat(english.text())
                .contains("What happens next: the link opens a page that shows this invitation.")
                .contains("https://admin.example/accept?token=abc&x=1");
        assertThat(english.html())
                .contains("Or copy this link into your browser:")
                .contains(">https://admin.example/accept?token=abc&amp;x=1</a>");
        assertThat(german.html())
                .contains("So geht es weiter:")
                .contains(">https://admin.example/accept?token=abc&amp;x=1</a>");
        assertThat(withSignIn.text())
                .contains("then sign in at https://admin.example/login with your platform account");
    }

    @Test
    void shippedTextsStayInTheGsmAlphabetAndWithinTwoSegmentsForATypicalInvite() {
        for (NotifyReason kind : NotifyReason.values()) {
            for (String language : DefaultTemplates.LOCALES) {
                RenderedSms sms = sms(kind, language, model(language).kind(kind).build());
                assertThat(sms.segments().encoding()).as(kind + " " + language).isEqualTo(Encoding.GSM7);
                assertThat(sms.segments().segments()).as(kind + " " + language).isLessThanOrEqualTo(2);
            }
        }
    }

    private InviteModel.Builder model(String language) {
        return InviteModel.builder()
                .storeName("Corner Shop")
                .inviterName("Ann Owner")
                .inviteeEmail("new.admin@example.com")
                .role(roles.describe("ADMIN", Locale.forLanguageTag(language)))
                .acceptUrl("https://admin.example/accept?token=abc&x=1")
                .expiresAt(EXPIRES_AT)
                .timeZone(NEW_YORK)
                .kind(NotifyReason.INVITE);
    }

    private RenderedEmail email(NotifyReason kind, String language, InviteModel model) {
        var template = renderer.defaultTemplate(kind, List.of(language));
        return renderer.render(template.value(), model, template.locale());
    }

    private RenderedSms sms(NotifyReason kind, String language, InviteModel model) {
        var template = renderer.defaultSmsTemplate(kind, List.of(language));
        return renderer.render(template.value(), model, template.locale());
    }
}
