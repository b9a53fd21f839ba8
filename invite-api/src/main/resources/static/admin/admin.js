// The standalone console at /admin: signs the admin in, then shows the same <invites-console> element that
// platforms embed, handing it the token. Tokens live in this module's memory only (never in storage), so a
// reload signs in again.
import "./console/invites-console.js";
import { h, replace } from "./console/dom.js";
import { styles } from "./console/styles.js";
import { ErrorSummary, field } from "./console/ui.js";
import { claimsOf } from "./console/api.js";
import { OidcClient } from "./oidc.js";

document.adoptedStyleSheets = [...document.adoptedStyleSheets, styles];

const app = document.getElementById("app");
const account = document.getElementById("account");
const signedInAs = document.getElementById("signed-in-as");
let consoleElement = null;
let signOut = () => {};

document.getElementById("sign-out").addEventListener("click", () => signOut());

async function start() {
  let config;
  try {
    const response = await fetch("/admin/config", { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    config = await response.json();
  } catch (error) {
    replace(app, h("p", { class: "body" }, "The console cannot reach the invite service. Reload the page to try again."));
    return;
  }
  if (config.signIn === "OIDC") {
    await startOidc(config.oidc);
  } else if (config.signIn === "LOCAL") {
    showLocalSignIn();
  } else {
    replace(
      app,
      h("h1", { class: "heading-l" }, "Sign-in is not set up"),
      h(
        "p",
        { class: "body" },
        "Set invites.console.oidc.client-id and the issuer (invites.console.oidc.issuer or " +
          "spring.security.oauth2.resourceserver.jwt.issuer-uri) to sign in with your identity provider.",
      ),
    );
  }
}

/** Shows the console for {@code token}; later tokens (refreshes) are handed to the same element. */
function showConsole(token, onSignOut) {
  const claims = claimsOf(token);
  signedInAs.textContent = `Signed in as ${claims.name ?? claims.email ?? claims.sub ?? "admin"}`;
  account.hidden = false;
  signOut = () => {
    consoleElement = null;
    account.hidden = true;
    onSignOut();
  };
  if (!consoleElement) {
    consoleElement = document.createElement("invites-console");
    consoleElement.setAttribute("api-base", location.origin);
    consoleElement.addEventListener("invites-console-unauthorized", () => {
      account.hidden = true;
      consoleElement = null;
      onSignOut("Your sign-in has expired. Sign in again to continue.");
    });
    replace(app, consoleElement);
  }
  consoleElement.token = token;
}

// ---- local sign-in (the "local" Spring profile only) ----------------------------------------------------

function showLocalSignIn(notice) {
  const name = field({ name: "name", label: "Your name", value: "Local Admin", attrs: { autocomplete: "name", maxlength: "100" } });
  const stores = field({
    name: "stores",
    label: "Stores",
    hint: "The store ids you administer, separated by commas, like store-1, store-2",
    value: "store-1",
    attrs: { autocomplete: "off", spellcheck: "false" },
  });
  const operations = field({
    name: "operations",
    label: "Operations",
    kind: "checkboxes",
    options: [{ value: "ops", text: "Also operate the delivery pipeline (dead letters, replay)" }],
  });
  const summary = new ErrorSummary([name, stores, operations]);
  const submit = h("button", { type: "submit", class: "button" }, "Sign in");
  const form = h(
    "form",
    {
      class: "sign-in",
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const storeIds = stores.read().split(/[\s,]+/).filter(Boolean);
        const missing = [];
        if (!name.read().trim()) missing.push({ field: "name", message: "Enter your name" });
        if (storeIds.length === 0) missing.push({ field: "stores", message: "Enter at least one store id, like store-1" });
        if (missing.length) return summary.show(missing);
        submit.disabled = true;
        try {
          const response = await fetch("/admin/local-sign-in", {
            method: "POST",
            headers: { "Content-Type": "application/json", Accept: "application/json" },
            body: JSON.stringify({ name: name.read().trim(), stores: storeIds, operations: operations.read().includes("ops") }),
          });
          const body = await response.json().catch(() => ({}));
          if (!response.ok) {
            const errors = (body.errors ?? []).map((e) => ({
              field: e.field.startsWith("stores") ? "stores" : e.field === "name" ? "name" : null,
              message: e.field.startsWith("stores") ? `Store ids ${e.reason}` : `Your name ${e.reason}`,
            }));
            return summary.show(errors.length ? errors : [{ field: null, message: body.detail ?? "Sign-in failed." }]);
          }
          showConsole(body.token, (message) => showLocalSignIn(message));
        } catch {
          summary.show([{ field: null, message: "The invite service cannot be reached. Try again." }]);
        } finally {
          submit.disabled = false;
        }
      },
    },
    h("h1", { class: "heading-l" }, "Sign in to the local console"),
    h(
      "p",
      { class: "body" },
      "This development sign-in mints a token with the local secret. It exists only in the local profile; " +
        "production signs in with your identity provider.",
    ),
    summary.element,
    name.group,
    stores.group,
    operations.group,
    h("div", { class: "button-group" }, submit),
  );
  replace(app, notice ? h("div", { class: "banner banner--error", role: "alert" }, h("p", { class: "banner__heading" }, notice)) : null, form);
  name.input.focus();
}

// ---- OpenID Connect (authorization code with PKCE) ---------------------------------------------------------

async function startOidc(settings) {
  const client = new OidcClient(settings, `${location.origin}/admin`);
  const signInPage = (message) => {
    replace(
      app,
      h("h1", { class: "heading-l" }, "Sign in"),
      message ? h("div", { class: "banner banner--error", role: "alert" }, h("p", { class: "banner__heading" }, message)) : null,
      h("p", { class: "body" }, "Sign in with your organisation account to manage your store's users and invites."),
      h("button", { type: "button", class: "button", onclick: () => client.signIn() }, "Sign in"),
    );
  };
  try {
    const tokens = await client.completeSignIn();
    if (!tokens) return signInPage();
    const signedOut = (message) => {
      client.forget();
      signInPage(message);
    };
    client.onRefresh = (fresh) => showConsole(fresh.accessToken, signedOut);
    client.onExpired = () => signedOut("Your sign-in has expired. Sign in again to continue.");
    showConsole(tokens.accessToken, signedOut);
  } catch (error) {
    signInPage(`Sign-in did not complete: ${error.message}`);
  }
}

start();
