package com.boxncase.invites.contracts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Invite link tokens. A token is {@code HMAC-SHA256(key, inviteId "." linkId)}, URL-safe Base64 (256 bits).
 *
 * <p>The database stores only the random {@code linkId} and the SHA-256 of the token (for look-up), so
 * neither a database dump nor a Kafka topic nor a log line lets anyone accept an invite without the key,
 * while "Copy invite link" can still rebuild the live link. Rotating {@code linkId} invalidates the old link.
 */
public final class InviteLinks {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    public InviteLinks(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the link key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** A fresh link id: 128 random bits, URL-safe. */
    public static String newLinkId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return URL.encodeToString(bytes);
    }

    public String token(String inviteId, String linkId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return URL.encodeToString(mac.doFinal((inviteId + "." + linkId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    public String url(String acceptUrlBase, String inviteId, String linkId) {
        String separator = acceptUrlBase.contains("?") ? "&" : "?";
        return acceptUrlBase + separator + "token=" + token(inviteId, linkId);
    }

    /** The look-up hash stored beside the invite: SHA-256 of the token, URL-safe Base64. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return URL.encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Whether {@code token} is the live token of the invite, compared in constant time. */
    public boolean matches(String token, String inviteId, String linkId) {
        byte[] expected = token(inviteId, linkId).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8));
    }
}
