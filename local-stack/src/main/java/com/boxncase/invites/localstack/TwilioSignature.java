package com.boxncase.invites.localstack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's webhook signature ({@code X-Twilio-Signature}): Base64 of HMAC-SHA1, keyed with the auth token, over
 * the full URL followed by each POST parameter's name and value, sorted by name. What the SDK's
 * {@code RequestValidator} checks.
 */
public final class TwilioSignature {

    private TwilioSignature() {}

    public static String sign(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every Java platform", e);
        }
    }
}
