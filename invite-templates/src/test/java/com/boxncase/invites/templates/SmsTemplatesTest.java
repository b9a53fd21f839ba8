package com.boxncase.invites.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.templates.SmsSegments.Encoding;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SmsTemplatesTest {

    private final TemplateRenderer renderer = new TemplateRenderer();
    private final TemplateValidator validator =
            new TemplateValidator(renderer, RoleCatalog.shipped(), List.of("ADMIN", "STAFF"));

    @Test
    void plainAsciiCountsSeptetsWith160And153PerSegment() {
        assertThat(SmsSegments.of("a".repeat(160))).isEqualTo(new SmsSegments(Encoding.GSM7, 160, 1));
        assertThat(SmsSegments.of("a".repeat(161))).isEqualTo(new SmsSegments(Encoding.GSM7, 161, 2));
        assertThat(SmsSegments.of("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsSegments.of("a".repeat(307)).segments()).isEqualTo(3);
        assertThat(SmsSegments.of("").segments()).isZero();
    }

    @Test
    void extensionCharactersTakeTwoSeptetsAndGermanLettersStayGsm7() {
        assertThat(SmsSegments.of("€[]")).isEqualTo(new SmsSegments(Encoding.GSM7, 6, 1));
        assertThat(SmsSegments.of("a".repeat(159) + "€").segments()).isEqualTo(2);
        assertThat(SmsSegments.of("Grüße aus Köln, läuft ab").encoding()).isEqualTo(Encoding.GSM7);
    }

    @Test
    void anyOtherCharacterMakesTheTextUcs2With70And67PerSegment() {
        assertThat(SmsSegments.of("„Hallo“")).isEqualTo(new SmsSegments(Encoding.UCS2, 7, 1));
        assertThat(SmsSegments.of("😀" + "a".repeat(68))).isEqualTo(new SmsSegments(Encoding.UCS2, 70, 1));
        assertThat(SmsSegments.of("😀" + "a".repeat(69)).segments()).isEqualTo(2);
        assertThat(SmsSegments.of("ж".repeat(135)).segments()).isEqualTo(3);
    }

    @Test
    void defaultInviteTextCarriesTheLinkAndCountsItsSegments() {
        var template = renderer.defaultSmsTemplate(NotifyReason.INVITE, List.of("en"));

        RenderedSms sms = renderer.render(template.value(), model(), template.locale());

        assertThat(sms.text())
                .isEqualTo("Ann Owner invited you to manage Corner Shop as Manager. Open the link, enter your name and"
                        + " accept by March 5, 2031, 10:00 AM UTC: https://admin.example/accept?token=abc&x=1");
        assertThat(sms.segments()).isEqualTo(SmsSegments.of(sms.text()));
        assertThat(sms.segments().encoding()).isEqualTo(Encoding.GSM7);
    }

    @Test
    void germanReminderTextIsGerman() {
        var template = renderer.defaultSmsTemplate(NotifyReason.REMINDER, Locales.candidates("de-AT", "en"));

        RenderedSms sms = renderer.render(template.value(), model(), template.locale());

        assertThat(template.locale()).isEqualTo(Locale.GERMAN);
        assertThat(sms.text()).startsWith("Erinnerung:").contains("5. März 2031");
    }

    @Test
    void shippedSmsTemplatesPassValidation() {
        for (NotifyReason kind : NotifyReason.values()) {
            for (String locale : List.of("en", "de")) {
                assertThat(validator.validateSms(TemplateValidator.defaultSmsSource(kind, locale), locale, kind))
                        .as(kind + "_" + locale)
                        .isEmpty();
            }
        }
    }

    @Test
    void executeInAnSmsTemplateIsRefusedAtSaveAndAtRender() {
        String execute = "Hi ${\"freemarker.template.utility.Execute\"?new()(\"id\")}";

        assertThat(validator.validateSms(execute, "en"))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("?new"));
        var compiled = renderer.compileSmsWithoutRules(execute);
        assertThatThrownBy(() -> renderer.render(compiled, model(), Locale.ENGLISH))
                .isInstanceOf(TemplateRenderingFailed.class);
    }

    @Test
    void tooLongOrEmptySmsTemplateIsRefused() {
        assertThat(validator.validateSms("${acceptUrl} " + "x".repeat(700), "en"))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("SMS segments"));
        assertThat(validator.validateSms("<#if reminder>r</#if>", "en"))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("renders empty"));
        assertThat(validator.validateSms("Join ${storeName", "en"))
                .singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(1));
    }

    private static InviteModel model() {
        return new InviteModel(
                "Corner Shop",
                "Ann Owner",
                "new.admin@example.com",
                "MANAGER",
                "https://admin.example/accept?token=abc&x=1",
                Instant.parse("2031-03-05T10:00:00Z"),
                null,
                NotifyReason.INVITE);
    }
}
