package com.boxncase.invites.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Local HS256 bearer tokens, as {@code ./mint-token} makes them: admin of the given stores, every scope. */
final class Tokens {

    private Tokens() {}

    static String mint(String secret, List<String> stores) {
        long now = System.currentTimeMillis() / 1000;
        String storeList = stores.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String payload = "{\"sub\":\"bench\",\"name\":\"Bench Admin\",\"stores\":[" + storeList
                + "],\"scope\":\"invites:read invites:write ops:read ops:write\",\"iat\":" + now + ",\"exp\":"
                + (now + 6 * 3600) + "}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + base64Url(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
