// OpenID Connect sign-in for the standalone console: authorization code flow with PKCE (S256), as a public
// client (no secret in the page). Tokens stay in memory; only the PKCE verifier, state and nonce survive the
// redirect to the issuer and back, in sessionStorage, and are removed as soon as the code is redeemed.

const PENDING = "invites-console-oidc";

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function challengeOf(verifier) {
  return base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
}

export class OidcClient {
  constructor({ issuer, clientId, scopes }, redirectUri) {
    this.issuer = issuer.replace(/\/+$/, "");
    this.clientId = clientId;
    this.scopes = scopes;
    this.redirectUri = redirectUri;
    this.tokens = null;
    this.timer = null;
    this.onRefresh = () => {};
    this.onExpired = () => {};
  }

  async metadata() {
    if (!this.discovered) {
      const response = await fetch(`${this.issuer}/.well-known/openid-configuration`);
      if (!response.ok) throw new Error(`the issuer's configuration could not be read (HTTP ${response.status})`);
      this.discovered = await response.json();
    }
    return this.discovered;
  }

  /** Sends the browser to the issuer's sign-in page. */
  async signIn() {
    const metadata = await this.metadata();
    const verifier = randomString();
    const state = randomString();
    const nonce = randomString();
    sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, nonce }));
    const url = new URL(metadata.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: "code",
      client_id: this.clientId,
      redirect_uri: this.redirectUri,
      scope: this.scopes,
      state,
      nonce,
      code_challenge: await challengeOf(verifier),
      code_challenge_method: "S256",
    });
    location.assign(url);
  }

  /** On the way back from the issuer: redeems the code. Null when this page load is not a sign-in callback. */
  async completeSignIn() {
    const params = new URLSearchParams(location.search);
    if (!params.has("code") && !params.has("error")) return null;
    const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? "null");
    sessionStorage.removeItem(PENDING);
    // The code must not stay in the address bar or the history.
    history.replaceState(null, "", location.pathname);
    if (params.has("error")) throw new Error(params.get("error_description") ?? params.get("error"));
    if (!pending || pending.state !== params.get("state")) throw new Error("the sign-in response does not match this browser's request");
    const tokens = await this.token({
      grant_type: "authorization_code",
      code: params.get("code"),
      redirect_uri: this.redirectUri,
      client_id: this.clientId,
      code_verifier: pending.verifier,
    });
    if (tokens.idToken) {
      const nonce = JSON.parse(atob(tokens.idToken.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).nonce;
      if (nonce !== pending.nonce) throw new Error("the ID token was not issued for this sign-in");
    }
    return tokens;
  }

  async token(form) {
    const metadata = await this.metadata();
    const response = await fetch(metadata.token_endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: new URLSearchParams(form),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error_description ?? body.error ?? `HTTP ${response.status}`);
    this.tokens = {
      accessToken: body.access_token,
      idToken: body.id_token ?? null,
      refreshToken: body.refresh_token ?? this.tokens?.refreshToken ?? null,
      expiresAt: Date.now() + (body.expires_in ?? 300) * 1000,
    };
    this.schedule();
    return this.tokens;
  }

  /** Refreshes a minute before expiry when the issuer gave a refresh token; otherwise reports the expiry. */
  schedule() {
    clearTimeout(this.timer);
    const delay = Math.max(this.tokens.expiresAt - Date.now() - 60_000, 5_000);
    this.timer = setTimeout(async () => {
      if (!this.tokens?.refreshToken) return this.onExpired();
      try {
        this.onRefresh(await this.token({ grant_type: "refresh_token", refresh_token: this.tokens.refreshToken, client_id: this.clientId }));
      } catch {
        this.onExpired();
      }
    }, delay);
  }

  forget() {
    clearTimeout(this.timer);
    this.tokens = null;
  }
}
