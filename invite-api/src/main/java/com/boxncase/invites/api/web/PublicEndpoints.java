package com.boxncase.invites.api.web;

/** The endpoints that take no bearer token: the invitee's accept endpoints and page, and provider webhooks. */
public final class PublicEndpoints {

    /** {@code GET} shows an invitation, {@code POST} accepts it; the link token is the credential. */
    public static final String ACCEPT_API = "/api/v1/invites/accept";

    /** The invitee's page, which calls {@link #ACCEPT_API}, and its script and style files. */
    public static final String[] ACCEPT_PAGE = {"/accept", "/accept.html", "/accept/**"};

    /** Provider callbacks, authenticated by their signatures. */
    public static final String WEBHOOKS = "/webhooks/**";

    private PublicEndpoints() {}
}
