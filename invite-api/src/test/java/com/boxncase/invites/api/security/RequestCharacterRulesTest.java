package com.boxncase.invites.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The loops that replace Spring Security's regular expressions on every request decide exactly as those expressions
 * do, checked against them (the firewall's patterns and the default bearer token resolver) on the same inputs.
 */
class RequestCharacterRulesTest {

    private static final Pattern FIREWALL_NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern FIREWALL_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    private static final List<String> SAMPLES = List.of(
            "",
            "plain ascii value",
            "tab\there",
            "line\nbreak",
            "carriage\rreturn",
            "nul\u0000",
            "del\u007f",
            "c1 control \u0085",
            "latin1 é ß",
            "unassigned \u0378",
            "emoji \uD83D\uDE00",
            "lone surrogate \uD800",
            "private use \uE000",
            "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.abc-_~+/==");

    @Test
    void headerAndParameterRulesMatchTheFirewallsPatterns() {
        List<String> inputs = new java.util.ArrayList<>(SAMPLES);
        // every code point of the first planes on its own, and beside printable text
        IntStream.range(0, 0x3000).forEach(cp -> inputs.add("a" + new String(Character.toChars(cp)) + "b"));
        for (String input : inputs) {
            assertThat(PrintableCharacters.isName(input))
                    .as("name %s", input.codePoints().boxed().toList())
                    .isEqualTo(FIREWALL_NAME.matcher(input).matches());
            assertThat(PrintableCharacters.isValue(input))
                    .as("value %s", input.codePoints().boxed().toList())
                    .isEqualTo(FIREWALL_VALUE.matcher(input).matches());
        }
    }

    @Test
    void bearerTokensAreReadAsTheDefaultResolverReadsThem() {
        DefaultBearerTokenResolver reference = new DefaultBearerTokenResolver();
        AuthorizationHeaderBearerToken resolver = new AuthorizationHeaderBearerToken();
        List<String> headers = List.of(
                "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.sig-_~+/",
                "bearer abc==",
                "BEARER abc",
                "Bearer abc=def",
                "Bearer ",
                "Bearer ===",
                "Bearer a b",
                "Bearer a,b",
                "Bearer a\u00e9",
                "Basic dXNlcjpwYXNz",
                "Bearerabc",
                "Token abc");
        for (String header : headers) {
            assertThat(outcome(resolver::resolve, header)).as(header).isEqualTo(outcome(reference::resolve, header));
        }
        assertThat(resolver.resolve(new MockHttpServletRequest())).isNull();
    }

    @Test
    void aMalformedBearerTokenIsAnInvalidTokenError() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", "Bearer not a token");
        assertThatThrownBy(() -> new AuthorizationHeaderBearerToken().resolve(request))
                .isInstanceOf(OAuth2AuthenticationException.class)
                .satisfies(e -> assertThat(
                                ((OAuth2AuthenticationException) e).getError().getErrorCode())
                        .isEqualTo("invalid_token"));
    }

    private static String outcome(
            java.util.function.Function<jakarta.servlet.http.HttpServletRequest, String> resolver, String header) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", header);
        try {
            return "token:" + resolver.apply(request);
        } catch (OAuth2AuthenticationException e) {
            return "error:" + e.getError().getErrorCode();
        }
    }
}
