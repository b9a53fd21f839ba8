package com.boxncase.invites.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class CachingJwtDecoderTest {

    private final Instant now = Instant.parse("2026-11-27T12:00:00Z");
    private final AtomicInteger verifications = new AtomicInteger();

    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (token.startsWith("bad")) {
            throw new BadJwtException("signature does not match");
        }
        return Jwt.withTokenValue(token)
                .header("alg", "HS256")
                .subject("admin-1")
                .issuedAt(now.minusSeconds(10))
                .expiresAt(now.plusSeconds(60))
                .build();
    };

    private CachingJwtDecoder decoderAt(Instant instant) {
        return new CachingJwtDecoder(verifier, Clock.fixed(instant, ZoneOffset.UTC), Duration.ofMinutes(5), 2);
    }

    @Test
    void aTokenIsVerifiedOnceWhileItIsValid() {
        CachingJwtDecoder decoder = decoderAt(now);
        decoder.decode("good-token");
        decoder.decode("good-token");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void failuresAreNeverRemembered() {
        CachingJwtDecoder decoder = decoderAt(now);
        assertThatThrownBy(() -> decoder.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void anExpiredTokenIsVerifiedAgain() {
        JwtDecoder delegate = token -> {
            verifications.incrementAndGet();
            return Jwt.withTokenValue(token)
                    .header("alg", "HS256")
                    .subject("admin-1")
                    .expiresAt(Instant.now().plusMillis(1))
                    .build();
        };
        CachingJwtDecoder decoder = new CachingJwtDecoder(
                delegate, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(1)), Duration.ofMinutes(5), 2);
        decoder.decode("short-lived");
        decoder.decode("short-lived");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void theCacheIsBounded() {
        CachingJwtDecoder decoder = decoderAt(now);
        for (int i = 1; i <= 10; i++) {
            decoder.decode("token-" + i);
        }
        assertThat(verifications).hasValue(10);
        assertThat(decoder.size()).isLessThanOrEqualTo(2);
    }
}
