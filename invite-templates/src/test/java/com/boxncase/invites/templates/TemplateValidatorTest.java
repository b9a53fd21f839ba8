package com.boxncase.invites.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateValidatorTest {

    private final TemplateValidator validator =
            new TemplateValidator(new TemplateRenderer(), RoleCatalog.shipped(), List.of("ADMIN", "STAFF"));

    @Test
    void classInstantiationInABranchTheSampleSkipsIsRefusedWithItsPosition() {
        String html =
                "<p>Hi</p>\n<#if role == \"OWNER\">${\"freemarker.template.utility.Execute\"?new()(\"id\")}</#if>";

        assertThat(validator.validate(new EmailTemplate("Hi", html, "t"), "en"))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("html");
                    assertThat(problem.line()).isEqualTo(2);
                    assertThat(problem.column()).isEqualTo(html.indexOf("?new") - html.indexOf('\n'));
                    assertThat(problem.message()).contains("?new is not allowed");
                });
    }

    @Test
    void apiBuiltInInADirectiveIsRefused() {
        assertThat(validator.validate(new EmailTemplate("Hi", "x", "<#assign c = storeName?api>"), "en"))
                .extracting(TemplateProblem::field, TemplateProblem::message)
                .containsExactly(
                        tuple("text", "<#assign> is not allowed in store templates"),
                        tuple("text", "?api is not allowed in store templates"));
    }

    @Test
    void reminderAndNoNoteBranchesAreRenderedAtValidation() {
        assertThat(validator.validate(new EmailTemplate("Hi", "<#if reminder>${nope}</#if>", "t"), "en"))
                .singleElement()
                .extracting(TemplateProblem::field)
                .isEqualTo("html");
        assertThat(validator.validate(new EmailTemplate("Hi", "x", "<#if !hasPersonalNote>${nope}</#if>"), "en"))
                .singleElement()
                .extracting(TemplateProblem::field)
                .isEqualTo("text");
    }

    @Test
    void questionMarksInPlainTextAreNotMistakenForBuiltIns() {
        String html = "<p>What is new? new features!</p><a href=\"https://example.com/?new=1&api=2\">${storeName}</a>";

        assertThat(validator.validate(new EmailTemplate("Anything new?new", html, "Any questions?api docs"), "en"))
                .isEmpty();
    }
}
