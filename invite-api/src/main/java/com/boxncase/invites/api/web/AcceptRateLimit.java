package com.boxncase.invites.api.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate-limits the public accept endpoints per client with a Bucket4j token bucket: past the limit, 429 with
 * {@code Retry-After}. Guessing link tokens is hopeless (256 bits) but each guess costs a database look-up, and the
 * endpoints need no token, so this is what keeps one client from loading the service.
 *
 * <p>The client is the request's remote address, which is the proxy's unless the server is configured to trust
 * that proxy's {@code X-Forwarded-For} (then Tomcat has put the client's address there); this filter never reads
 * forwarded headers itself, so a client cannot pick a fresh identity per request. IPv6 clients are counted by their
 * /64, which a single host can otherwise rotate through.
 */
public final class AcceptRateLimit extends OncePerRequestFilter {

    private final RequestMatcher acceptEndpoints = PathPatternRequestMatcher.pathPattern(PublicEndpoints.ACCEPT_API);
    private final HttpProperties.RateLimit limit;
    private final Problems problems;
    private final Cache<String, Bucket> buckets;

    AcceptRateLimit(HttpProperties.RateLimit limit, Problems problems) {
        this.limit = limit;
        this.problems = problems;
        // A bucket left alone for `per` is full again, so forgetting it then changes nothing.
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(limit.per())
                .maximumSize(limit.maxClients())
                .build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !acceptEndpoints.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsumptionProbe probe =
                buckets.get(client(request.getRemoteAddr()), key -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        problems.write(
                response,
                HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests from this address; retry after " + retryAfter + " seconds.");
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.requests()).refillGreedy(limit.requests(), limit.per()))
                .build();
    }

    /** The rate-limited client of a remote address: the address itself, or an IPv6 address's /64. */
    static String client(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.indexOf(':') < 0) {
            return String.valueOf(remoteAddress);
        }
        try {
            // a literal address: no name is looked up
            InetAddress address = InetAddress.getByName(remoteAddress);
            if (address instanceof Inet6Address) {
                return HexFormat.of().formatHex(Arrays.copyOf(address.getAddress(), 8)) + "::/64";
            }
            return address.getHostAddress();
        } catch (UnknownHostException e) {
            return remoteAddress;
        }
    }
}
