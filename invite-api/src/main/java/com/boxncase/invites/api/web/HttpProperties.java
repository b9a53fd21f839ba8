package com.boxncase.invites.api.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How invite-api protects itself at the HTTP edge ({@code invites.http.*}).
 *
 * @param maxBodySize largest request body an authenticated endpoint takes (templates are the largest: two 100 KB
 *     parts); a larger one is refused with 413
 * @param publicMaxBodySize largest request body of the endpoints without a bearer token (accept, webhooks)
 * @param acceptRateLimit requests per client to the public accept endpoints
 * @param headers security headers of every response, with per-page overrides
 * @param cors cross-origin access to {@code /api/**}, off unless origins are listed
 */
@Validated
@ConfigurationProperties("invites.http")
public record HttpProperties(
        @NotNull @DefaultValue("256KB") DataSize maxBodySize,
        @NotNull @DefaultValue("16KB") DataSize publicMaxBodySize,
        @Valid @NotNull @DefaultValue RateLimit acceptRateLimit,
        @Valid @NotNull @DefaultValue Headers headers,
        @Valid @NotNull @DefaultValue Cors cors) {

    /**
     * A token bucket per client (its remote address; an IPv6 client by its /64): {@code requests} at once, refilled
     * evenly over {@code per}. The remote address is the proxy's unless the server trusts that proxy's forwarded
     * headers ({@code server.forward-headers-strategy=native} and {@code server.tomcat.remoteip.internal-proxies}).
     *
     * @param maxClients clients remembered at once; the least recently seen are forgotten first
     */
    public record RateLimit(
            @Min(1) @DefaultValue("30") int requests,
            @NotNull @DefaultValue("1m") Duration per,

            @Min(100) @Max(10_000_000) @DefaultValue("100000")
            int maxClients) {}

    /**
     * @param contentSecurityPolicy for every response that no page below matches (the JSON API)
     * @param referrerPolicy for every response that no page below matches
     * @param hstsMaxAge {@code Strict-Transport-Security} max-age, sent on HTTPS requests only (behind a TLS proxy:
     *     when the proxy's {@code X-Forwarded-Proto} is trusted, see {@link RateLimit})
     * @param pages per-path overrides, first match wins (e.g. the accept page, Swagger UI, the admin console)
     */
    public record Headers(
            @NotBlank @DefaultValue("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
            String contentSecurityPolicy,

            @NotBlank @DefaultValue("no-referrer") String referrerPolicy,
            @NotNull @DefaultValue("365d") Duration hstsMaxAge,
            @NotNull @DefaultValue List<@Valid Page> pages) {}

    /**
     * @param paths path patterns such as {@code /accept} or {@code /admin/**}
     * @param contentSecurityPolicy this page's policy
     * @param referrerPolicy this page's referrer policy; unset: the default one
     */
    public record Page(
            @NotEmpty List<@NotBlank String> paths,
            @NotBlank String contentSecurityPolicy,
            String referrerPolicy) {}

    /**
     * @param allowedOrigins origins (scheme, host, port, e.g. {@code https://admin.example.com}) whose pages may call
     *     {@code /api/**} with a bearer token; empty: none
     * @param maxAge how long a browser may cache a preflight answer
     */
    public record Cors(
            @NotNull @DefaultValue
            List<
                            @Pattern(
                                    regexp = "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?",
                                    message = "must be an origin such as https://admin.example.com (no path, no '*')")
                            String>
                    allowedOrigins,

            @NotNull @DefaultValue("1h") Duration maxAge) {}
}
