package com.boxncase.invites.api.template;

import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import com.boxncase.invites.api.support.TestTokens;
import com.boxncase.invites.api.support.TopicRecorder;
import com.boxncase.invites.contracts.Channel;
import com.boxncase.invites.contracts.TemplateChanged;
import com.boxncase.invites.contracts.Topics;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreTemplateApiTest {

    static final String CUSTOM_SUBJECT = "Join ${storeName}, says ${inviterName}";
    static final String CUSTOM_HTML = "<p>Custom: ${personalNote}</p>\n<a href=\"${acceptUrl}\">Accept</a>";
    static final String CUSTOM_TEXT = "Custom text for ${inviteeEmail}: ${acceptUrl}";
    static final String EXECUTE = "<p>${\"freemarker.template.utility.Execute\"?new()(\"id\")}</p>";

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    MongoTemplate mongo;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    TopicRecorder notices;
    String store;
    String template;

    @BeforeAll
    void recordNotices() {
        notices = new TopicRecorder(brokers, Topics.TEMPLATE_CHANGES);
    }

    @AfterAll
    void stopRecording() throws InterruptedException {
        notices.close();
    }

    @BeforeEach
    void newStoreForEachTest() {
        store = newStore();
        template = "/api/v1/stores/" + store + "/templates/EMAIL/en";
    }

    @Test
    void savedTemplateIsReadBackStoredForTheNotifierAndUsedByThePreview() throws Exception {
        save(template, body(CUSTOM_SUBJECT, CUSTOM_HTML, CUSTOM_TEXT))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("STORE"))
                .andExpect(jsonPath("$.subject").value(CUSTOM_SUBJECT))
                .andExpect(jsonPath("$.updatedBy").value("admin-1"));

        as(get(template))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.channel").value("EMAIL"))
                .andExpect(jsonPath("$.locale").value("en"))
                .andExpect(jsonPath("$.html").value(CUSTOM_HTML))
                .andExpect(jsonPath("$.text").value(CUSTOM_TEXT));
        as(get(template).param("effective", "true"))
                .andExpect(jsonPath("$.source").value("STORE"));

        Document stored = mongo.findById(store + ":EMAIL:en", Document.class, "templates");
        assertThat(stored).isNotNull();
        assertThat(stored.keySet())
                .containsExactlyInAnyOrder(
                        "_id",
                        "storeId",
                        "channel",
                        "locale",
                        "kind",
                        "subject",
                        "html",
                        "text",
                        "updatedAt",
                        "updatedBy");
        assertThat(stored.getString("channel")).isEqualTo("EMAIL");
        assertThat(stored.getString("html")).isEqualTo(CUSTOM_HTML);

        preview(template, "")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("STORE"))
                .andExpect(jsonPath("$.subject").value("Join Example Store, says Alex Admin"))
                .andExpect(jsonPath("$.html").value(containsString("Custom: Welcome aboard! &lt;b&gt;")))
                .andExpect(jsonPath("$.text").value(containsString("Custom text for invitee@example.com")));
    }

    @Test
    void previewRendersGivenModelValuesEscapedInHtml() throws Exception {
        save(template, body(CUSTOM_SUBJECT, CUSTOM_HTML, CUSTOM_TEXT)).andExpect(status().isOk());

        preview(template, """
                        {"model": {"storeName": "Corner Shop", "personalNote": "<script>alert(1)</script>"}}
                        """)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subject").value("Join Corner Shop, says Alex Admin"))
                .andExpect(jsonPath("$.html").value(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
                .andExpect(jsonPath("$.html").value(not(containsString("<script>"))));
    }

    @Test
    void templateWithASyntaxErrorIsRefusedNamingFieldLineAndColumn() throws Exception {
        String broken = "<p>Hello</p>\n<p>${storeName</p>";

        save(template, body(CUSTOM_SUBJECT, broken, CUSTOM_TEXT))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.errors", hasSize(1)))
                .andExpect(jsonPath("$.errors[0].field").value("html"))
                .andExpect(jsonPath("$.errors[0].line").value(2))
                .andExpect(jsonPath("$.errors[0].column").isNumber())
                .andExpect(jsonPath("$.errors[0].reason").isNotEmpty());
        as(get(template)).andExpect(status().isNotFound());

        preview(template, json.writeValueAsString(Map.of("template", body(CUSTOM_SUBJECT, broken, CUSTOM_TEXT))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("html"))
                .andExpect(jsonPath("$.errors[0].line").value(2));
    }

    @Test
    void templateThatFailsToRenderWithTheSampleIsRefused() throws Exception {
        save(template, body("Hi ${noSuchVariable}", CUSTOM_HTML, CUSTOM_TEXT))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("subject"))
                .andExpect(jsonPath("$.errors[0].line").value(1))
                .andExpect(jsonPath("$.errors[0].column").value(6));
    }

    @Test
    void classInstantiationAndApiBuiltInAreRefusedAtSaveAndAtPreview() throws Exception {
        save(template, body(CUSTOM_SUBJECT, EXECUTE, CUSTOM_TEXT))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("html"))
                .andExpect(jsonPath("$.errors[0].line").value(1));
        save(template, body(CUSTOM_SUBJECT, CUSTOM_HTML, "${storeName?api.getClass()}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        String hiddenInABranch = "<#if role == \"OWNER\">" + EXECUTE + "</#if>";
        save(template, body(CUSTOM_SUBJECT, CUSTOM_HTML, hiddenInABranch))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("?new is not allowed")));
        as(get(template)).andExpect(status().isNotFound());

        preview(template, json.writeValueAsString(Map.of("template", body(CUSTOM_SUBJECT, EXECUTE, CUSTOM_TEXT))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("html"))
                .andExpect(jsonPath("$.html").doesNotExist());
    }

    @Test
    void theIssuesHostileTemplatesAreRefusedAtSaveAndPreviewNamingWhatAndWhere() throws Exception {
        String nestedLoops = "<#if role == \"ADMIN\"><#list 1..2147483647 as i>"
                + "<#list 1..2147483647 as j></#list></#list></#if>";
        save(template, body(CUSTOM_SUBJECT, nestedLoops, CUSTOM_TEXT))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.errors[0].field").value("html"))
                .andExpect(jsonPath("$.errors[0].column").value(nestedLoops.indexOf("2147483647") + 1))
                .andExpect(
                        jsonPath("$.errors[0].reason").value("numbers above 10000 are not allowed in store templates"));
        save(template, body(CUSTOM_SUBJECT, CUSTOM_HTML, "${\"\"?left_pad(2000000000)}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"))
                .andExpect(jsonPath("$.errors[0].reason").value("?left_pad is not allowed in store templates"));
        save(template, body(CUSTOM_SUBJECT, "<#macro m><@m/></#macro><@m/>", CUSTOM_TEXT))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].reason").value("<#macro> is not allowed in store templates"));
        preview(template, json.writeValueAsString(Map.of("template", body(CUSTOM_SUBJECT, nestedLoops, CUSTOM_TEXT))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("html"));
        as(get(template)).andExpect(status().isNotFound());
    }

    @Test
    void aTemplateThatRunsPastTheBoundOnlyForAdminsIsRefusedAtSave() throws Exception {
        String slowForAdmins = "<#if roleCode == \"ADMIN\"><#list 1..10000 as a><#list 1..10000 as b>"
                + "<#list 1..10000 as c></#list></#list></#list></#if>" + CUSTOM_HTML;

        save(template, body(CUSTOM_SUBJECT, slowForAdmins, CUSTOM_TEXT))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("html"))
                .andExpect(
                        jsonPath("$.errors[0].reason").value(containsString("rendering used more than 50 ms of CPU")))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("role ADMIN")));
        as(get(template)).andExpect(status().isNotFound());
    }

    @Test
    void aTemplateTheNotifierMarkedBrokenShowsWhyAndIsNoLongerInEffect() throws Exception {
        save(template, body(CUSTOM_SUBJECT, CUSTOM_HTML, CUSTOM_TEXT)).andExpect(status().isOk());
        mongo.getCollection("templates")
                .updateOne(
                        new Document("_id", store + ":EMAIL:en"),
                        new Document(
                                "$set",
                                new Document(
                                        "broken",
                                        new Document("cause", "TIME")
                                                .append("reason", "rendering used more than 200 ms of CPU")
                                                .append("at", new Date()))));

        as(get(template))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("STORE"))
                .andExpect(jsonPath("$.broken.cause").value("TIME"))
                .andExpect(jsonPath("$.broken.reason").value("rendering used more than 200 ms of CPU"))
                .andExpect(jsonPath("$.broken.at").isNotEmpty());
        as(get(template).param("effective", "true"))
                .andExpect(jsonPath("$.source").value("DEFAULT"));

        save(template, body(CUSTOM_SUBJECT, CUSTOM_HTML, CUSTOM_TEXT)).andExpect(status().isOk());
        as(get(template)).andExpect(jsonPath("$.broken").value(nullValue()));
    }

    @Test
    void eachKindHasItsOwnOverrideFallingBackToTheInviteOverrideThenTheDefault() throws Exception {
        String reminder = template + "/REMINDER";
        String resend = template + "/resend";
        as(get(resend).param("effective", "true"))
                .andExpect(jsonPath("$.source").value("DEFAULT"))
                .andExpect(jsonPath("$.kind").value("RESEND"))
                .andExpect(jsonPath("$.subject").value(containsString("sent you a new invitation")));

        save(template, body("Invite override", CUSTOM_HTML, CUSTOM_TEXT)).andExpect(status().isOk());
        as(get(reminder).param("effective", "true"))
                .andExpect(jsonPath("$.source").value("STORE"))
                .andExpect(jsonPath("$.kind").value("INVITE"))
                .andExpect(jsonPath("$.subject").value("Invite override"));

        save(reminder, body("Reminder: ${expiresIn}", CUSTOM_HTML, CUSTOM_TEXT))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("REMINDER"));
        as(get(reminder).param("effective", "true"))
                .andExpect(jsonPath("$.source").value("STORE"))
                .andExpect(jsonPath("$.kind").value("REMINDER"))
                .andExpect(jsonPath("$.subject").value("Reminder: ${expiresIn}"));
        as(get(resend).param("effective", "true"))
                .andExpect(jsonPath("$.subject").value("Invite override"));
        as(get(template)).andExpect(jsonPath("$.subject").value("Invite override"));
        preview(reminder, "")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subject").value("Reminder: in 7 days"));
        assertThat(mongo.findById(store + ":EMAIL:en:REMINDER", Document.class, "templates"))
                .isNotNull()
                .containsEntry("kind", "REMINDER")
                .containsEntry("subject", "Reminder: ${expiresIn}");

        as(delete(reminder)).andExpect(status().isNoContent());
        as(get(reminder)).andExpect(status().isNotFound());
        as(get(template)).andExpect(status().isOk());
        save(template + "/LATER", body("x", CUSTOM_HTML, CUSTOM_TEXT))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("kind"));
    }

    @Test
    void aReminderOverrideIsCheckedAsAReminderAndAnInviteOverrideAsEveryKind() throws Exception {
        String brokenForReminders = "<#if reminder>${noSuchVariable}</#if>" + CUSTOM_HTML;

        save(template, body(CUSTOM_SUBJECT, brokenForReminders, CUSTOM_TEXT))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("sample: REMINDER")));
        save(template + "/RESEND", body(CUSTOM_SUBJECT, brokenForReminders, CUSTOM_TEXT))
                .andExpect(status().isOk());
        save(template + "/REMINDER", body(CUSTOM_SUBJECT, brokenForReminders, CUSTOM_TEXT))
                .andExpect(status().isBadRequest());
    }

    @Test
    void previewShowsTheRoleByNameAndTheExpiryInTheStoresTimeZone() throws Exception {
        mvc.perform(put("/api/v1/stores/" + store + "/settings")
                        .header("Authorization", "Bearer " + TestTokens.admin(store))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"channels": ["EMAIL"], "timeZone": "America/New_York"}
                                """))
                .andExpect(status().isOk());

        preview("/api/v1/stores/" + store + "/templates/EMAIL/de", """
                        {"model": {"role": "ADMIN", "expiresAt": "2031-03-18T03:30:00Z"}}
                        """)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.text").value(containsString("als Administrator mitzuverwalten")))
                .andExpect(jsonPath("$.text").value(containsString("am Montag, 17. März 2031, 23:30 Uhr EDT")));
    }

    @Test
    void deletingTheOverrideFallsBackToTheDefault() throws Exception {
        save(template, body(CUSTOM_SUBJECT, CUSTOM_HTML, CUSTOM_TEXT)).andExpect(status().isOk());

        as(delete(template)).andExpect(status().isNoContent());

        as(get(template)).andExpect(status().isNotFound());
        as(delete(template)).andExpect(status().isNotFound());
        as(get(template).param("effective", "true"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("DEFAULT"))
                .andExpect(jsonPath("$.kind").value("INVITE"))
                .andExpect(jsonPath("$.subject")
                        .value(containsString("${inviterName} invited you to manage ${storeName}")));
        preview(template, "")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("DEFAULT"))
                .andExpect(jsonPath("$.subject").value("Alex Admin invited you to manage Example Store"));
        assertThat(mongo.findById(store + ":EMAIL:en", Document.class, "templates"))
                .isNull();
    }

    @Test
    void regionalLocaleIsStoredUnderItsTagAndFallsBackToTheLanguageDefault() throws Exception {
        String austrian = "/api/v1/stores/" + store + "/templates/email/de-AT";

        as(get(austrian).param("effective", "true"))
                .andExpect(jsonPath("$.source").value("DEFAULT"))
                .andExpect(jsonPath("$.locale").value("de"));
        save(austrian, body(CUSTOM_SUBJECT, CUSTOM_HTML, CUSTOM_TEXT)).andExpect(status().isOk());

        assertThat(mongo.findById(store + ":EMAIL:de-AT", Document.class, "templates"))
                .isNotNull()
                .containsEntry("locale", "de-AT");
    }

    @Test
    void savingAndDeletingPublishTemplateChangedKeyedByStore() throws Exception {
        save(template, body(CUSTOM_SUBJECT, CUSTOM_HTML, CUSTOM_TEXT)).andExpect(status().isOk());

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !notices.withKey(store).isEmpty());
        TemplateChanged notice = json.readValue(notices.withKey(store).get(0).value(), TemplateChanged.class);
        assertThat(notice.schemaVersion()).isEqualTo(TemplateChanged.SCHEMA_VERSION);
        assertThat(notice.storeId()).isEqualTo(store);
        assertThat(notice.channel()).isEqualTo(Channel.EMAIL);
        assertThat(notice.locale()).isEqualTo("en");
        assertThat(notice.changedAt()).isNotNull();

        as(delete(template)).andExpect(status().isNoContent());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> notices.withKey(store).size() == 2);
    }

    @Test
    void callerWithoutWriteScopeCannotSaveButCanRead() throws Exception {
        String readOnly = TestTokens.token("viewer", "Vic", List.of(store), "invites:read", TestTokens.SECRET);

        mvc.perform(put(template)
                        .header("Authorization", "Bearer " + readOnly)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(body(CUSTOM_SUBJECT, CUSTOM_HTML, CUSTOM_TEXT))))
                .andExpect(status().isForbidden());
        mvc.perform(get(template).param("effective", "true").header("Authorization", "Bearer " + readOnly))
                .andExpect(status().isOk());
        String otherStoresAdmin = TestTokens.admin(newStore());
        mvc.perform(put(template)
                        .header("Authorization", "Bearer " + otherStoresAdmin)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(body(CUSTOM_SUBJECT, CUSTOM_HTML, CUSTOM_TEXT))))
                .andExpect(status().isForbidden());
        as(get(template)).andExpect(status().isNotFound());
    }

    @Test
    void requestsOutsideWhatATemplateCanBeAreRejected() throws Exception {
        Map<String, String> valid = body(CUSTOM_SUBJECT, CUSTOM_HTML, CUSTOM_TEXT);
        String base = "/api/v1/stores/" + store + "/templates/";

        save(base + "FAX/en", valid)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("channel"));
        save(base + "SMS/en", Map.of("subject", "SMS have no subject"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        save(base + "EMAIL/german", valid)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("locale"));
        save(base + "EMAIL/de-at", valid).andExpect(status().isBadRequest());
        save(template, Map.of("subject", CUSTOM_SUBJECT, "html", CUSTOM_HTML))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        save(template, body("Line one\r\nBcc: victim@example.com", CUSTOM_HTML, CUSTOM_TEXT))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("subject"));
        save(template, body("x".repeat(201), CUSTOM_HTML, CUSTOM_TEXT))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("subject"));
        save(template, body(CUSTOM_SUBJECT, "x".repeat(TemplateRequest.MAX_BODY + 1), CUSTOM_TEXT))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("html"));
        as(get(template)).andExpect(status().isNotFound());
    }

    @Test
    void smsOverrideIsTextOnlyValidatedInTheSandboxAndPreviewedAsTheTextSent() throws Exception {
        String sms = "/api/v1/stores/" + store + "/templates/SMS/de";
        as(get(sms).param("effective", "true"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("DEFAULT"))
                .andExpect(jsonPath("$.text").value(containsString("${acceptUrl}")));

        save(sms, Map.of("text", "${storeName}: Einladung von ${inviterName}. ${acceptUrl}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.channel").value("SMS"))
                .andExpect(jsonPath("$.source").value("STORE"));

        Document stored = mongo.findById(store + ":SMS:de", Document.class, "templates");
        assertThat(stored.getString("text")).isEqualTo("${storeName}: Einladung von ${inviterName}. ${acceptUrl}");
        preview(sms, "")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("STORE"))
                .andExpect(jsonPath("$.text")
                        .value("Example Store: Einladung von Alex Admin."
                                + " https://admin.example.com/invites/accept?token=sample-token"));
        save(sms, Map.of("text", "${\"freemarker.template.utility.Execute\"?new()(\"id\")}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("?new")));
        save(sms, Map.of("text", "${acceptUrl} " + "x".repeat(800)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("SMS segments")));
    }

    private static Map<String, String> body(String subject, String html, String text) {
        return Map.of("subject", subject, "html", html, "text", text);
    }

    private ResultActions save(String path, Map<String, String> body) throws Exception {
        return as(put(path).contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)));
    }

    private ResultActions preview(String path, String body) throws Exception {
        MockHttpServletRequestBuilder request = post(path + "/preview");
        if (!body.isEmpty()) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return as(request);
    }

    private ResultActions as(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + TestTokens.admin(store)));
    }
}
