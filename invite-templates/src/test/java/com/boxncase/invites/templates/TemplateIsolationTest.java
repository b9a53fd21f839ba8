package com.boxncase.invites.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.boxncase.invites.contracts.NotifyReason;
import com.boxncase.invites.templates.TemplateLimitExceeded.Limit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A store's template cannot hold up, exhaust or crash the process that renders it (issue 11, item 1). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateIsolationTest {

    /** The three hostile templates of the issue, as a store admin wrote them. */
    static final String NESTED_LOOPS_FOR_ADMINS =
            "<#if roleCode == \"ADMIN\"><#list 1..2147483647 as i><#list 1..2147483647 as j></#list></#list></#if>";

    static final String GIANT_PADDING = "${\"\"?left_pad(2000000000)}";
    static final String RECURSIVE_MACRO = "<#macro again><@again/></#macro><@again/>";

    /** Passes the sandbox rules (small literals, allowed directives) yet would loop 10^12 times for admins. */
    static final String SLOW_FOR_ADMINS_ONLY = "<#if roleCode == \"ADMIN\"><#list 1..10000 as a><#list 1..10000 as b>"
            + "<#list 1..10000 as c></#list></#list></#list></#if>Hello";

    /**
     * A small CPU bound with a generous wall-clock limit: the build machine is shared, and a hostile render must
     * reach its CPU bound (and be blamed) however little CPU it gets, rather than give up as busy.
     */
    private final TemplateRenderer renderer =
            new TemplateRenderer(new RenderLimits(Duration.ofMillis(50), Duration.ofSeconds(20), 256 * 1024, 4));

    private final TemplateValidator validator =
            new TemplateValidator(renderer, RoleCatalog.shipped(), List.of("ADMIN", "STAFF"));

    @AfterAll
    void stopRenderThreads() {
        renderer.close();
    }

    @Test
    void theIssuesHostileTemplatesAreRefusedAtValidationWithTheirPosition() {
        assertThat(validator.validate(email(NESTED_LOOPS_FOR_ADMINS), "en"))
                .extracting(TemplateProblem::message)
                .containsOnly("numbers above 10000 are not allowed in store templates");
        assertThat(validator.validate(email(GIANT_PADDING), "en"))
                .extracting(TemplateProblem::message)
                .containsExactly(
                        "?left_pad is not allowed in store templates",
                        "numbers above 10000 are not allowed in store templates");
        assertThat(validator.validate(email(RECURSIVE_MACRO), "en"))
                .extracting(TemplateProblem::message)
                .contains(
                        "<#macro> is not allowed in store templates",
                        "macro calls (<@...>) are not allowed in store templates");
        assertThat(validator.validateSms(GIANT_PADDING, "en")).isNotEmpty();
        assertThat(validator.validate(email(NESTED_LOOPS_FOR_ADMINS), "en").get(0))
                .satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("html");
                    assertThat(problem.line()).isEqualTo(1);
                    assertThat(problem.column()).isEqualTo(NESTED_LOOPS_FOR_ADMINS.indexOf("2147483647") + 1);
                });
    }

    @Test
    void templatesBuiltAtRunTimeOrHiddenInStringsAreRefused() {
        assertThat(validator.validate(email("${\"<#list 1..9 as i>x</#list>\"?interpret}"), "en"))
                .extracting(TemplateProblem::message)
                .containsExactly("?interpret is not allowed in store templates");
        assertThat(validator.validate(email("${\"a${storeName?eval}\"}"), "en"))
                .extracting(TemplateProblem::message)
                .containsExactly("?eval is not allowed in store templates");
        assertThat(validator.validate(email("${ {\"a\": storeName}[\"a\"]?leftPad(9) }"), "en"))
                .extracting(TemplateProblem::message)
                .containsExactly("?left_pad is not allowed in store templates");
        assertThat(validator.validate(
                        email("<#assign s = storeName><#list 1..40 as i><#assign s = s + s></#list>"), "en"))
                .extracting(TemplateProblem::message)
                .containsOnly("<#assign> is not allowed in store templates");
    }

    @Test
    void aTemplateThatIsSlowOnlyForAdminsIsRefusedNamingTheSample() {
        long start = System.nanoTime();

        List<TemplateProblem> problems = validator.validate(email(SLOW_FOR_ADMINS_ONLY), "en");

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("html");
            assertThat(problem.message())
                    .startsWith("rendering used more than 50 ms of CPU")
                    .contains("role ADMIN");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isLessThan(renderer.limits().validationBudget());
    }

    @Test
    void templatesThatBypassedValidationStopAtTheirBoundWithoutAnErrorEscaping() {
        assertLimit(renderer.compileWithoutRules(email(NESTED_LOOPS_FOR_ADMINS)), Limit.TIME);
        assertLimit(renderer.compileWithoutRules(email("${\"\"?left_pad(2147483647)}")), Limit.MEMORY);
        assertLimit(renderer.compileWithoutRules(email(RECURSIVE_MACRO)), Limit.STACK);
        assertLimit(renderer.compileWithoutRules(email("<#list 1..100000000 as i>xxxxxxxx</#list>")), Limit.OUTPUT);
        CompiledSmsTemplate sms = renderer.compileSmsWithoutRules(RECURSIVE_MACRO);
        assertThatThrownBy(() -> renderer.render(sms, model("ADMIN"), Locale.ENGLISH))
                .isInstanceOfSatisfying(
                        TemplateLimitExceeded.class, e -> assertThat(e.limit()).isEqualTo(Limit.STACK));
    }

    @Test
    void aCancelledRenderStopsItsThread() {
        assertLimit(renderer.compileWithoutRules(email(NESTED_LOOPS_FOR_ADMINS)), Limit.TIME);

        await().atMost(Duration.ofSeconds(5)).until(() -> runningRenderThreads() == 0);
    }

    @Test
    void rendersBeyondTheThreadLimitAreRefusedAsBusyNotBlamedOnTheTemplate() {
        try (TemplateRenderer oneThread =
                new TemplateRenderer(new RenderLimits(Duration.ofMillis(500), Duration.ofSeconds(20), 4096, 1))) {
            CompiledEmailTemplate slow = oneThread.compileWithoutRules(email(NESTED_LOOPS_FOR_ADMINS));
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
                try {
                    oneThread.render(slow, model("ADMIN"), Locale.ENGLISH);
                } catch (TemplateLimitExceeded expected) {
                    // the slow render ends at its bound
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> runningRenderThreads() > 0);

            assertThatThrownBy(() -> oneThread.render(oneThread.compile(email("Hi")), model("STAFF"), Locale.ENGLISH))
                    .isInstanceOf(RendererBusy.class)
                    .hasMessageContaining("busy");
            first.join();
        }
    }

    @Test
    void theShippedTemplatesStillRenderNextToAHostileOne() {
        assertLimit(renderer.compileWithoutRules(email(NESTED_LOOPS_FOR_ADMINS)), Limit.TIME);

        var shipped = renderer.defaultTemplate(NotifyReason.INVITE, List.of("en"));
        RenderedEmail email = renderer.render(shipped.value(), model("ADMIN"), shipped.locale());

        assertThat(email.subject()).contains("Corner Shop");
    }

    private void assertLimit(CompiledEmailTemplate template, Limit limit) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> renderer.render(template, model("ADMIN"), Locale.ENGLISH))
                .isInstanceOfSatisfying(TemplateLimitExceeded.class, e -> {
                    assertThat(e.limit()).isEqualTo(limit);
                    assertThat(e.problems())
                            .singleElement()
                            .satisfies(p -> assertThat(p.field()).isEqualTo("html"));
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isLessThan(renderer.limits().wallClockLimit());
    }

    private static long runningRenderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("template-render-"))
                .filter(t -> t.getState() == Thread.State.RUNNABLE)
                .count();
    }

    private static EmailTemplate email(String html) {
        return new EmailTemplate("Hi ${storeName}", html, "Accept: ${acceptUrl}");
    }

    private static InviteModel model(String role) {
        return new InviteModel(
                "Corner Shop",
                "Ann Owner",
                "new.admin@example.com",
                role,
                "https://admin.example/accept?token=abc",
                Instant.parse("2031-03-05T10:00:00Z"),
                null,
                NotifyReason.INVITE);
    }
}
