package com.boxncase.invites.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.boxncase.invites.api.support.ApiIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.web.servlet.MockMvc;

/** The invitee's accept page as served: files only, so its policy allows no inline script or style. */
@ApiIntegrationTest
class AcceptPageTest {

    private static final Pattern SCRIPT_TAG = Pattern.compile("<script([^>]*)>");

    @Autowired
    MockMvc mvc;

    @Test
    void acceptPageHasNoInlineScriptOrStyleAndItsPolicyAllowsNone() throws Exception {
        String page = mvc.perform(get("/accept.html"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
                .andExpect(header().string("Content-Security-Policy", containsString("style-src 'self';")))
                .andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-inline"))))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        Matcher scripts = SCRIPT_TAG.matcher(page);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).contains("src=\"/accept/").contains("type=\"module\"");
        }
        assertThat(count).isEqualTo(1);
        assertThat(page)
                .contains("<link rel=\"stylesheet\" href=\"/accept/accept.css\">")
                .doesNotContain("<style")
                .doesNotContainPattern("\\sstyle=")
                .doesNotContainPattern("\\son[a-z]+=");
    }

    @Test
    void pageFilesAreServedWithoutAToken() throws Exception {
        for (String script : new String[] {"/accept/accept.js", "/accept/texts.js"}) {
            mvc.perform(get(script))
                    .andExpect(status().isOk())
                    .andExpect(header().string("Content-Type", containsString("javascript")));
        }
        mvc.perform(get("/accept/accept.css"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("text/css")));
    }

    @Test
    void acceptPageScriptsNeverInsertHtmlSoNothingFromTheApiBecomesMarkup() throws Exception {
        Resource[] scripts = new PathMatchingResourcePatternResolver().getResources("classpath:/static/accept/*.js");

        assertThat(scripts).hasSize(2);
        for (Resource script : scripts) {
            assertThat(script.getContentAsString(StandardCharsets.UTF_8))
                    .as(script.getFilename())
                    .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
        }
    }
}
