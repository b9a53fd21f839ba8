package com.boxncase.invites.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * {@code Content-Security-Policy} and {@code Referrer-Policy} per page: the first configured page whose paths match
 * the request decides, else the defaults (nothing may load, nothing may frame the response, no referrer). The
 * accept page carries the link token in its URL, hence {@code no-referrer}; a page such as the admin console
 * configures its own policy (see {@link HttpProperties.Headers#pages()}).
 */
public final class SecurityHeaders implements HeaderWriter {

    private record Policy(RequestMatcher matcher, String contentSecurityPolicy, String referrerPolicy) {}

    private final List<Policy> pages;
    private final String contentSecurityPolicy;
    private final String referrerPolicy;

    SecurityHeaders(HttpProperties.Headers headers) {
        this.contentSecurityPolicy = headers.contentSecurityPolicy();
        this.referrerPolicy = headers.referrerPolicy();
        this.pages = headers.pages().stream()
                .map(page -> new Policy(
                        new OrRequestMatcher(page.paths().stream()
                                .map(path -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(path))
                                .toList()),
                        page.contentSecurityPolicy(),
                        page.referrerPolicy() == null || page.referrerPolicy().isBlank()
                                ? headers.referrerPolicy()
                                : page.referrerPolicy()))
                .toList();
    }

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        Policy policy = pages.stream()
                .filter(page -> page.matcher().matches(request))
                .findFirst()
                .orElse(new Policy(null, contentSecurityPolicy, referrerPolicy));
        if (!response.containsHeader("Content-Security-Policy")) {
            response.setHeader("Content-Security-Policy", policy.contentSecurityPolicy());
        }
        if (!response.containsHeader("Referrer-Policy")) {
            response.setHeader("Referrer-Policy", policy.referrerPolicy());
        }
    }
}
