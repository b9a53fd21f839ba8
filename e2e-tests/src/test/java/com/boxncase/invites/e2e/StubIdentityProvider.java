package com.boxncase.invites.e2e;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal OpenID Connect provider for the console's sign-in test: discovery, an authorization endpoint that
 * signs "the user" in at once, a token endpoint that redeems a code only with the PKCE verifier of its S256
 * challenge, and the JWKS invite-api verifies the RS256 access tokens with.
 */
final class StubIdentityProvider implements AutoCloseable {

    static final String CLIENT_ID = "invites-console";

    private final HttpServer server;
    private final RSAKey key;
    private final String storeId;
    private final Map<String, Request> codes = new ConcurrentHashMap<>();
    private final AtomicInteger redeemed = new AtomicInteger();

    private record Request(String challenge, String nonce, String redirectUri) {}

    StubIdentityProvider(String storeId) throws IOException {
        this.storeId = storeId;
        try {
            this.key = new RSAKeyGenerator(2048).keyID("stub").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/jwks", exchange -> json(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Codes redeemed with the right PKCE verifier. */
    int redeemed() {
        return redeemed.get();
    }

    private void discovery(HttpExchange exchange) throws IOException {
        json(exchange, 200, """
                {"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize", "token_endpoint": "%1$s/token",
                 "jwks_uri": "%1$s/jwks", "response_types_supported": ["code"], "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256"], "code_challenge_methods_supported": ["S256"]}
                """.formatted(issuer()));
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(query.get("client_id"))
                || !"code".equals(query.get("response_type"))
                || !"S256".equals(query.get("code_challenge_method"))
                || query.get("code_challenge") == null) {
            json(exchange, 400, "{\"error\": \"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Request(query.get("code_challenge"), query.get("nonce"), query.get("redirect_uri")));
        String location = query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Request request = codes.remove(body.getOrDefault("code", ""));
        if (request == null
                || !"authorization_code".equals(body.get("grant_type"))
                || !CLIENT_ID.equals(body.get("client_id"))
                || !request.redirectUri().equals(body.get("redirect_uri"))
                || !request.challenge().equals(s256(body.getOrDefault("code_verifier", "")))) {
            json(exchange, 400, "{\"error\": \"invalid_grant\"}");
            return;
        }
        redeemed.incrementAndGet();
        Instant now = Instant.now();
        String access = sign(new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject("oidc-admin")
                .claim("name", "Olive Oidc")
                .claim("stores", List.of(storeId))
                .claim("scope", "invites:read invites:write")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .build());
        String id = sign(new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject("oidc-admin")
                .audience(CLIENT_ID)
                .claim("nonce", request.nonce())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .build());
        json(
                exchange,
                200,
                "{\"access_token\": \"%s\", \"id_token\": \"%s\", \"token_type\": \"Bearer\", \"expires_in\": 300}"
                        .formatted(access, id));
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    /** JSON with CORS open to any origin, as identity providers answer single-page apps' fetches. */
    private static void json(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
