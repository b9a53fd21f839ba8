package com.boxncase.invites.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens it has verified, until they expire (at most {@code maxAge}). Platform backends send the
 * same bearer token with every call of a bulk invite; parsing and verifying it each time was a tenth of
 * invite-api's CPU in the benchmark. The key is the whole token, signature included, so a token that
 * differs in any byte is verified afresh; failures are never remembered.
 */
final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<String, Verified> verified;

    private record Verified(Jwt jwt, Instant until) {}

    CachingJwtDecoder(JwtDecoder delegate, Clock clock, Duration maxAge, int maxEntries) {
        this.delegate = delegate;
        this.clock = clock;
        this.maxAge = maxAge;
        this.verified = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Verified known;
        synchronized (verified) {
            known = verified.get(token);
        }
        if (known != null && now.isBefore(known.until())) {
            return known.jwt();
        }
        Jwt jwt = delegate.decode(token);
        Instant until = now.plus(maxAge);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        synchronized (verified) {
            verified.put(token, new Verified(jwt, until));
        }
        return jwt;
    }
}
