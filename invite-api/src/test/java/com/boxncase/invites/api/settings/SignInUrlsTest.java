package com.boxncase.invites.api.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignInUrlsTest {

    @Test
    void acceptsHttpAndHttpsUrlsWithAHost() {
        assertThat(SignInUrls.isValid("https://admin.example.com/sign-in")).isTrue();
        assertThat(SignInUrls.isValid("http://localhost:8080/admin")).isTrue();
        assertThat(SignInUrls.isValid("HTTPS://admin.example.com/sign-in?store=s-1#top"))
                .isTrue();
    }

    @Test
    void refusesWhatABrowserWouldRunMisreadOrNotFollow() {
        for (String url : new String[] {
            null,
            "",
            "javascript:alert(1)",
            "data:text/html,hi",
            "ftp://files.example.com",
            "//admin.example.com",
            "https:///path",
            "https://user@admin.example.com/",
            "https://admin.example.com/a b",
            "https://admin.example.com/\n",
            "https://admin.exämple.com/",
            "https://admin.example.com/" + "x".repeat(500)
        }) {
            assertThat(SignInUrls.isValid(url)).as(String.valueOf(url)).isFalse();
        }
    }
}
