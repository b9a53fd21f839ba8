package com.boxncase.invites.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens it has verified, until they expire (at most {@code maxAge}). Platform backends send the
 * same bearer token with every call of a bulk invite; parsing and verifying it each time was a tenth of
 * invite-api's CPU in the benchmark. The key is the whole token, signature included, so a token that
 * differs in any byte is verified afresh; failures are never remembered. The entries live in a Caffeine cache, which
 * every request thread reads without taking a lock (a synchronized LRU map here made request threads queue behind
 * each other under load).
 */
final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Clock clock;
    private final Duration maxAge;
    private final Cache<String, Verified> verified;

    private record Verified(Jwt jwt, Instant until) {}

    CachingJwtDecoder(JwtDecoder delegate, Clock clock, Duration maxAge, int maxEntries) {
        this.delegate = delegate;
        this.clock = clock;
        this.maxAge = maxAge;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(maxAge)
                .executor(Runnable::run) // evict on the caller's thread: no background task per request
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Verified known = verified.getIfPresent(token);
        if (known != null && now.isBefore(known.until())) {
            return known.jwt();
        }
        Jwt jwt = delegate.decode(token);
        Instant until = now.plus(maxAge);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        verified.put(token, new Verified(jwt, until));
        return jwt;
    }

    /** How many verified tokens are remembered (for tests). */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
