package com.boxncase.invites.api.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What a store's sign-in URL may be: an absolute http(s) URL with a host, no user info and nothing a browser would
 * run or misread. The accept page links to it and redirects there, so a {@code javascript:} URL or one that names
 * another host in its user info ({@code https://store.example@evil.example}) is refused when it is saved, not when
 * an invitee follows it.
 */
public final class SignInUrls {

    public static final String RULE = "must be an http(s) URL such as https://admin.example.com/sign-in";

    static final int MAX_LENGTH = 500;

    private SignInUrls() {}

    public static boolean isValid(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_LENGTH) {
            return false;
        }
        if (url.chars().anyMatch(c -> c <= ' ' || c == 0x7f || c > 0x7e)) {
            return false; // no spaces, controls or non-ASCII: what is shown is what is followed
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http"))
                    && uri.getHost() != null
                    && !uri.getHost().isEmpty()
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
