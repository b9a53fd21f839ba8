package com.boxncase.invites.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxncase.invites.contracts.NotifyReason;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {

    private static final String EXECUTE = "${\"freemarker.template.utility.Execute\"?new()(\"id\")}";

    private final TemplateRenderer renderer = new TemplateRenderer();
    private final TemplateValidator validator =
            new TemplateValidator(renderer, RoleCatalog.shipped(), List.of("ADMIN", "STAFF"));

    @Test
    void defaultInviteRendersAllPartsWithTheLinkAndEscapesTheNoteInHtml() {
        InviteModel model = model("Hi <script>alert(1)</script> & welcome", NotifyReason.INVITE);

        RenderedEmail email = render(NotifyReason.INVITE, List.of("en"), model);

        assertThat(email.subject()).isEqualTo("Ann Owner invited you to manage Corner Shop");
        assertThat(email.html())
                .contains("href=\"https://admin.example/accept?token=abc&amp;x=1\"")
                .contains("Hi &lt;script&gt;alert(1)&lt;/script&gt; &amp; welcome")
                .doesNotContain("<script>");
        assertThat(email.text())
                .contains("https://admin.example/accept?token=abc&x=1")
                .contains("Hi <script>alert(1)</script> & welcome")
                .contains("March 5, 2031");
    }

    @Test
    void germanInviteeGetsGermanTemplateAndDate() {
        RenderedEmail email = render(NotifyReason.INVITE, Locales.candidates("de-DE", "en"), model(null, null));

        assertThat(email.subject()).contains("hat Sie eingeladen");
        assertThat(email.text()).contains("5. März 2031").doesNotContain("\"\"");
    }

    @Test
    void reminderHasItsOwnTemplate() {
        RenderedEmail email = render(NotifyReason.REMINDER, List.of("en"), model(null, null));

        assertThat(email.subject()).startsWith("Reminder:");
    }

    @Test
    void unknownLocaleFallsBackToStoreDefaultThenEnglish() {
        assertThat(Locales.candidates("fr", "de")).containsExactly("fr", "de", "en");
        assertThat(render(NotifyReason.INVITE, Locales.candidates("fr", "de"), model(null, null))
                        .subject())
                .contains("hat Sie eingeladen");
        assertThat(render(NotifyReason.INVITE, Locales.candidates("fr", null), model(null, null))
                        .subject())
                .contains("invited you");
    }

    @Test
    void valuesCannotBreakTheSubjectIntoHeaders() {
        InviteModel model = new InviteModel(
                "Shop\r\nBcc: victim@example.com",
                "Ann",
                "a@example.com",
                "STAFF",
                "https://x/accept?token=t",
                Instant.parse("2031-03-05T10:00:00Z"),
                null,
                NotifyReason.INVITE);

        RenderedEmail email = render(NotifyReason.INVITE, List.of("en"), model);

        assertThat(email.subject()).doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void executeBuiltInIsRefusedAtValidation() {
        List<TemplateProblem> problems =
                validator.validate(new EmailTemplate("Hi", "<p>" + EXECUTE + "</p>", "t"), "en");

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("html");
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.column()).isGreaterThan(1);
            assertThat(problem.message()).containsIgnoringCase("not allowed");
        });
    }

    @Test
    void executeBuiltInIsRefusedAtRenderEvenIfItBypassedTheRules() {
        CompiledEmailTemplate compiled = renderer.compileWithoutRules(new EmailTemplate("Hi", "x", "line\n" + EXECUTE));

        assertThatThrownBy(() -> renderer.render(compiled, model(null, null), Locale.ENGLISH))
                .isInstanceOfSatisfying(
                        TemplateRenderingFailed.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(problem -> {
                            assertThat(problem.field()).isEqualTo("text");
                            assertThat(problem.line()).isEqualTo(2);
                        }));
    }

    @Test
    void apiBuiltInAndIncludesAreRefused() {
        assertThat(validator.validate(new EmailTemplate("Hi", "${storeName?api.getClass()}", "t"), "en"))
                .isNotEmpty();
        assertThat(validator.validate(new EmailTemplate("Hi", "<#include \"/etc/passwd\">", "t"), "en"))
                .isNotEmpty();
    }

    @Test
    void syntaxErrorIsReportedWithLineAndColumn() {
        List<TemplateProblem> problems =
                validator.validate(new EmailTemplate("Hi ${storeName", "<p>ok</p>", "a\nb <#if>"), "en");

        assertThat(problems).extracting(TemplateProblem::field).containsExactly("subject", "text");
        assertThat(problems.get(1).line()).isEqualTo(2);
    }

    @Test
    void unknownVariableFailsValidation() {
        assertThat(validator.validate(new EmailTemplate("Hi ${nope}", "x", "y"), "en"))
                .singleElement()
                .extracting(TemplateProblem::field)
                .isEqualTo("subject");
    }

    @Test
    void multiLineSubjectIsRefused() {
        assertThat(validator.validate(new EmailTemplate("Hi\nBcc: x@example.com", "x", "y"), "en"))
                .isNotEmpty();
    }

    @Test
    void runawayOutputIsRefused() {
        assertThat(validator.validate(new EmailTemplate("Hi", "<#list 1..100000000 as i>xxxxxxxx</#list>", "y"), "en"))
                .singleElement()
                .extracting(TemplateProblem::field)
                .isEqualTo("html");
    }

    @Test
    void shippedTemplatesPassValidation() {
        for (NotifyReason kind : NotifyReason.values()) {
            for (String locale : DefaultTemplates.LOCALES) {
                assertThat(validator.validate(TemplateValidator.defaultSource(kind, locale), locale, kind))
                        .as(kind + "_" + locale)
                        .isEmpty();
            }
        }
    }

    private RenderedEmail render(NotifyReason reason, List<String> locales, InviteModel model) {
        TemplateRenderer.Localized<CompiledEmailTemplate> template = renderer.defaultTemplate(reason, locales);
        return renderer.render(template.value(), model, template.locale());
    }

    private static InviteModel model(String note, NotifyReason reason) {
        return new InviteModel(
                "Corner Shop",
                "Ann Owner",
                "new.admin@example.com",
                "MANAGER",
                "https://admin.example/accept?token=abc&x=1",
                Instant.parse("2031-03-05T10:00:00Z"),
                note,
                reason);
    }
}
