package com.boxncase.invites.api.console;

import static com.boxncase.invites.api.support.InviteFixtures.newStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The console's page, modules and sign-in configuration, as invite-api serves them. */
@ApiIntegrationTest
class ConsolePageTest {

    private static final Pattern SCRIPT_TAG = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    Environment environment;

    @Test
    void adminIsTheConsolePageUnderAStrictContentSecurityPolicy() throws Exception {
        mvc.perform(get("/admin"))
                .andExpect(status().isOk())
                .andExpect(forwardedUrl("/admin/index.html"))
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
                .andExpect(header().string("Content-Security-Policy", containsString("default-src 'none'")))
                .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
                .andExpect(header().string("Referrer-Policy", "no-referrer"));
    }

    @Test
    void consolePageHasNoInlineScriptSoTheCspNeedsNoHashOrNonce() throws Exception {
        String page = mvc.perform(get("/admin/index.html"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        Matcher scripts = SCRIPT_TAG.matcher(page);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).contains("src=\"/admin/").contains("type=\"module\"");
        }
        assertThat(count).isPositive();
        assertThat(page).doesNotContainPattern("\\son[a-z]+=").doesNotContain("importmap");
    }

    @Test
    void consoleModulesNeverInsertHtmlSoApiDataCannotInjectMarkup() throws Exception {
        Resource[] modules = new PathMatchingResourcePatternResolver().getResources("classpath:/static/admin/**/*.js");

        assertThat(modules).hasSizeGreaterThan(5);
        for (Resource module : modules) {
            String source = module.getContentAsString(StandardCharsets.UTF_8);
            assertThat(source)
                    .as(module.getFilename())
                    .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
        }
    }

    @Test
    void embeddableComponentIsServedAsAJavaScriptModule() throws Exception {
        mvc.perform(get("/admin/console/invites-console.js"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("javascript")));
    }

    @Test
    void configSaysHowToSignInAndTheLocalSignInExistsOnlyInTheLocalProfile() throws Exception {
        boolean local = environment.acceptsProfiles(Profiles.of("local"));
        mvc.perform(get("/admin/config"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.signIn").value(local ? "LOCAL" : "NONE"));

        MvcResult signIn = mvc.perform(post("/admin/local-sign-in")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"Lin\", \"stores\": [\"store-9\"]}"))
                .andReturn();
        if (!local) {
            assertThat(signIn.getResponse().getStatus()).isEqualTo(404);
            return;
        }
        assertThat(signIn.getResponse().getStatus()).isEqualTo(200);
        String token = json.readTree(signIn.getResponse().getContentAsString())
                .get("token")
                .asString();
        mvc.perform(get("/api/v1/stores/store-9/invites").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk());
    }

    @Test
    void localSignInAsAnOperatorOpensTheOperationsEndpointsAndAStoreAdminsDoesNot() throws Exception {
        if (!environment.acceptsProfiles(Profiles.of("local"))) {
            return; // the endpoint does not exist outside the local profile
        }
        mvc.perform(get("/api/v1/ops/dead-letters").header("Authorization", "Bearer " + localToken(true)))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/ops/dead-letters").header("Authorization", "Bearer " + localToken(false)))
                .andExpect(status().isForbidden());
    }

    private String localToken(boolean operations) throws Exception {
        MvcResult signIn = mvc.perform(post("/admin/local-sign-in")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"Lin\", \"stores\": [\"store-9\"], \"operations\": " + operations + "}"))
                .andExpect(status().isOk())
                .andReturn();
        return json.readTree(signIn.getResponse().getContentAsString())
                .get("token")
                .asString();
    }

    @Test
    void localSignInRefusesBadInputNamingTheField() throws Exception {
        if (!environment.acceptsProfiles(Profiles.of("local"))) {
            return; // the endpoint does not exist outside the local profile (see the test above)
        }
        JsonNode problem = json.readTree(mvc.perform(post("/admin/local-sign-in")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"Lin\", \"stores\": [\"no spaces allowed\"]}"))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(problem.get("errors").get(0).get("field").asString()).startsWith("stores");
    }

    @Test
    void withNoAllowedOriginsConfiguredNoOtherOriginMayCallTheApi() throws Exception {
        String store = newStore();
        mvc.perform(options("/api/v1/stores/" + store + "/invites")
                        .header("Origin", "https://elsewhere.example")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization,content-type"))
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
        mvc.perform(get("/admin/console/invites-console.js").header("Origin", "https://elsewhere.example"))
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
    }
}
