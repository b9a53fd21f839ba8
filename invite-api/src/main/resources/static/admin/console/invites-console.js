// <invites-console>: the admin console as one custom element, for the standalone page at /admin and for any
// platform's admin page. The host hands it a short-lived token:
//
//   <script type="module" src="https://invites.example.com/admin/console/invites-console.js"></script>
//   <invites-console store-id="store-1"></invites-console>
//   <script>document.querySelector("invites-console").token = tokenFromYourBackend;</script>
//
// Attributes: token (or the token property), store-id (default: the first store in the token), api-base
// (default: the origin this module was loaded from). Event: "invites-console-unauthorized" (bubbles, composed)
// when the API refuses the token, so the host can hand over a fresh one.
import { Api, claimsOf, scopesOf, storesOf } from "./api.js";
import { AuditView } from "./audit-view.js";
import { h, replace, uid } from "./dom.js";
import { OpsView } from "./ops-view.js";
import { SettingsView } from "./settings-view.js";
import { styles } from "./styles.js";
import { TemplatesView } from "./templates-view.js";
import { Banner } from "./ui.js";
import { UsersView } from "./users-view.js";

const MODULE_ORIGIN = new URL(import.meta.url).origin;

const SECTIONS = [
  { id: "users", text: "Users", view: UsersView },
  { id: "settings", text: "Store settings", view: SettingsView },
  { id: "templates", text: "Templates", view: TemplatesView },
  { id: "audit", text: "Audit", view: AuditView },
  { id: "ops", text: "Operations", view: OpsView, scope: "ops:read" },
];

export class InvitesConsole extends HTMLElement {
  static observedAttributes = ["token", "store-id", "api-base"];

  #token = null;
  #section = "users";
  #view = null;
  #rendered = null; // what the current rendering was built for: "<storeId>|<scopes>|<section>"
  #refusedToken = null;

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
    // Constructed style sheets: no <style> element, so strict host CSPs (style-src without 'unsafe-inline') allow them.
    this.shadowRoot.adoptedStyleSheets = [styles];
    this.banner = new Banner();
    this.api = new Api(
      this.getAttribute("api-base") ?? MODULE_ORIGIN,
      () => this.#token,
      () => this.#unauthorized(),
    );
  }

  get token() {
    return this.#token;
  }

  /** A fresh token keeps the current view; a token for other stores or scopes rebuilds it. */
  set token(value) {
    this.#token = value || null;
    this.#render();
  }

  get storeId() {
    const stores = storesOf(claimsOf(this.#token ?? ""));
    const wanted = this.getAttribute("store-id");
    return wanted && (stores.length === 0 || stores.includes(wanted)) ? wanted : (stores[0] ?? wanted);
  }

  connectedCallback() {
    // A host may set .token before this module has loaded (module scripts run late): that made an own property
    // on the plain element, which would hide the setter. Take its value and remove it.
    if (Object.prototype.hasOwnProperty.call(this, "token")) {
      const token = this.token;
      delete this.token;
      this.#token = token || null;
    }
    this.#render();
  }

  disconnectedCallback() {
    this.#view?.stop();
    this.#view = null;
    this.#rendered = null;
  }

  attributeChangedCallback(name, previous, value) {
    if (previous === value) return;
    if (name === "token") {
      this.token = value;
    } else {
      if (name === "api-base") this.api.base = (value ?? MODULE_ORIGIN).replace(/\/+$/, "");
      this.#rendered = null;
      this.#render();
    }
  }

  #unauthorized() {
    // Once per token: the table keeps polling, and the host needs to hear it only until it hands a new one.
    if (this.#refusedToken === this.#token) return;
    this.#refusedToken = this.#token;
    this.banner.error("Your sign-in has expired or was refused. Sign in again to continue.");
    this.dispatchEvent(new CustomEvent("invites-console-unauthorized", { bubbles: true, composed: true }));
  }

  #render() {
    if (!this.isConnected) return;
    if (!this.#token) {
      this.#view?.stop();
      this.#view = null;
      this.#rendered = null;
      replace(this.shadowRoot, h("p", { class: "body" }, "Waiting for sign-in…"));
      return;
    }
    const claims = claimsOf(this.#token);
    const scopes = scopesOf(claims);
    const storeId = this.storeId;
    const key = `${storeId}|${[...scopes].sort().join(" ")}|${this.#section}`;
    if (key === this.#rendered) return;
    this.#rendered = key;
    this.#view?.stop();

    if (!storeId) {
      replace(this.shadowRoot, h("p", { class: "body" }, "This sign-in does not administer any store."));
      return;
    }
    const sections = SECTIONS.filter((s) => !s.scope || scopes.has(s.scope));
    if (!sections.some((s) => s.id === this.#section)) this.#section = "users";
    const dialogs = h("div", { class: "dialogs" });
    const context = { api: this.api, storeId, banner: this.banner, dialogs };
    const section = sections.find((s) => s.id === this.#section);
    this.#view = new section.view(context);

    replace(
      this.shadowRoot,
      h(
        "div",
        { class: "console" },
        h(
          "div",
          { class: "console__header" },
          this.#storePicker(storeId, storesOf(claims)),
          h(
            "nav",
            { class: "tabs", "aria-label": "Console sections" },
            h(
              "ul",
              { class: "tabs__list" },
              sections.map((s) =>
                h(
                  "li",
                  { class: "tabs__item" },
                  h(
                    "button",
                    {
                      type: "button",
                      class: "tabs__tab",
                      "aria-current": s.id === this.#section ? "page" : null,
                      onclick: () => this.show(s.id),
                    },
                    s.text,
                  ),
                ),
              ),
            ),
          ),
        ),
        this.banner.element,
        this.#view.element,
        dialogs,
      ),
    );
    this.#view.start();
  }

  #storePicker(storeId, stores) {
    if (stores.length <= 1) {
      return h("p", { class: "console__store" }, "Store: ", h("strong", {}, storeId));
    }
    const id = uid("store");
    const select = h(
      "select",
      { class: "select", id, onchange: () => this.setAttribute("store-id", select.value) },
      stores.map((s) => h("option", { value: s, selected: s === storeId }, s)),
    );
    return h("div", { class: "console__store form-group" }, h("label", { class: "label", for: id }, "Store"), select);
  }

  /** Shows a section: "users", "settings", "templates", "audit" or "ops". */
  show(section) {
    this.#section = section;
    this.banner.clear();
    this.#render();
  }
}

if (!customElements.get("invites-console")) {
  customElements.define("invites-console", InvitesConsole);
}
