package com.boxncase.invites.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/** The configured {@link CrossOrigin} filter in the security filter chain, or nothing when no origin is allowed. */
public final class CrossOriginFilter extends OncePerRequestFilter {

    private final CorsFilter cors;

    CrossOriginFilter(CorsFilter cors) {
        this.cors = cors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (cors == null) {
            chain.doFilter(request, response);
        } else {
            cors.doFilter(request, response, chain);
        }
    }
}
