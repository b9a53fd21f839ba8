// The invitee's accept page: shows the invitation behind the link and accepts it. Looking does not use the link up
// (mail scanners open links); only the button does. Everything from the API goes into text nodes, never HTML.
import { SUPPORTED, TEXTS } from "./texts.js";

const API = "/api/v1/invites/accept";
/** A request that has not answered after this long is treated as a network failure, never left "Checking...". */
const TIMEOUT_MS = 15000;
/** How long the page waits before taking the new admin to the sign-in page (announced, and cancellable). */
const REDIRECT_SECONDS = 8;
/** The token survives a reload of this tab once it has left the address bar, and nothing else. */
const TOKEN_KEY = "boxncase.invite.token";

const main = document.getElementById("main");
const announcer = document.getElementById("announcer");

let language = pickLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]) ?? "en";
let token = takeToken();
let accepting = false;
let redirectTimer = null;
let retryTimer = null;

// ---------------------------------------------------------------------------------------------------------------
// Requests

/**
 * {status, body, retryAfter}; status 0 when the server could not be reached (offline, refused, timed out). A body
 * that is not JSON is null.
 */
async function call(method, body) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const url = method === "GET" ? `${API}?token=${encodeURIComponent(token)}` : API;
    const response = await fetch(url, {
      method,
      headers: method === "GET" ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
      body: method === "GET" ? undefined : JSON.stringify(body),
      cache: "no-store",
      credentials: "omit",
      referrerPolicy: "no-referrer",
      signal: controller.signal,
    });
    let json = null;
    try {
      json = await response.json();
    } catch {
      json = null;
    }
    return { status: response.status, body: json, retryAfter: seconds(response.headers.get("Retry-After")) };
  } catch {
    return { status: 0, body: null, retryAfter: null };
  } finally {
    clearTimeout(timer);
  }
}

function seconds(header) {
  const value = Number.parseInt(header ?? "", 10);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

async function load() {
  show("loading");
  if (!token) {
    show("unknown");
    return;
  }
  if (navigator.onLine === false) {
    show("network");
    return;
  }
  const answer = await call("GET");
  if (answer.status === 200 && answer.body) {
    follow(answer.body.locale);
    show("valid", { invitation: answer.body });
  } else {
    showProblem(answer);
  }
}

/** The state a refused request leaves the invitee in: what the link is now, or what to do about the request. */
function showProblem(answer) {
  const body = answer.body ?? {};
  follow(body.locale);
  if (answer.status === 410) {
    const state = { EXPIRED: "expired", REVOKED: "revoked", ACCEPTED: "already", REPLACED: "replaced" }[body.reason];
    show(state ?? "unknown", { storeName: body.storeName, signInUrl: body.signInUrl });
  } else if (answer.status === 404 || answer.status === 400) {
    show("unknown");
  } else if (answer.status === 429) {
    show("busy", { retryAfter: answer.retryAfter });
  } else if (answer.status === 0) {
    show("network");
  } else {
    show("failed");
  }
}

async function accept(form, invitation) {
  if (accepting) return; // a second press, Enter or click, while the first request runs
  const input = form.elements.namedItem("name");
  const name = input.value.trim();
  if (!name) {
    fieldError(form, t().nameMissing);
    input.focus();
    return;
  }
  fieldError(form, null);
  formMessage(form, null);
  accepting = true;
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  button.textContent = t().accepting;
  announce(t().accepting);
  try {
    const answer = await call("POST", { token, name });
    if (answer.status === 201) {
      show("accepted", { invitation }, { focus: true });
    } else if (answer.status === 400) {
      const reason = answer.body?.errors?.find((e) => e.field === "name")?.reason;
      fieldError(form, reason ? t().nameInvalid(reason) : t().nameMissing);
      input.focus();
    } else if (answer.status === 429) {
      formMessage(form, t().acceptBusy(t().wait(answer.retryAfter ?? 60)));
    } else if (answer.status === 0) {
      formMessage(form, t().acceptNetwork);
    } else if (answer.status === 404 || answer.status === 410) {
      showProblem(answer);
      focusHeading();
    } else {
      formMessage(form, t().acceptFailed);
    }
  } finally {
    accepting = false;
    if (button.isConnected) {
      button.disabled = false;
      button.removeAttribute("aria-busy");
      button.textContent = t().accept;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// States

/**
 * Shows one state of the page: loading, valid, accepted, already, expired, revoked, replaced, unknown, network, busy,
 * failed. The heading and first paragraph are announced to screen readers.
 */
function show(state, data = {}, { focus = false } = {}) {
  clearTimeout(redirectTimer);
  clearTimeout(retryTimer);
  redirectTimer = null;
  const texts = t();
  const view = VIEWS[state](texts, data);
  document.documentElement.lang = language;
  document.title = `${view.title} – ${texts.pageTitle}`;
  main.dataset.state = state;
  const heading = h("h1", { id: "title", tabindex: "-1" }, view.title);
  main.replaceChildren(heading, ...view.content);
  const stop = /[.!?]$/.test(view.title) ? "" : ".";
  announce(`${view.title}${stop} ${view.announce ?? ""}`.trim());
  if (focus) focusHeading();
  view.after?.();
}

const VIEWS = {
  loading: (x) => ({ title: x.loadingTitle, content: [p("lead", x.loading)], announce: x.loading }),

  valid: (x, { invitation }) => {
    const role = invitation.roleName || invitation.role;
    const lead = x.validLead(invitation.storeName, role);
    const form = acceptForm(x, invitation);
    return {
      title: x.validTitle,
      announce: lead,
      content: [
        p("lead", lead),
        h(
          "dl",
          { class: "details" },
          row(x.store, invitation.storeName),
          row(x.email, invitation.email),
          row(x.role, h("span", {}, h("span", { class: "role-name" }, role), invitation.roleDescription ? h("span", { class: "secondary" }, invitation.roleDescription) : null)),
          row(x.expires, expiry(x, invitation)),
        ),
        p("body", x.next),
        form,
      ],
    };
  },

  accepted: (x, { invitation }) => {
    const lead = x.acceptedLead(invitation.storeName, invitation.roleName || invitation.role);
    const signIn = safeUrl(invitation.signInUrl);
    const countdown = h("p", { class: "body countdown" });
    const stay = h("button", { type: "button", class: "button button--secondary" }, x.stay);
    return {
      title: x.acceptedTitle,
      announce: signIn ? `${lead} ${x.redirecting(REDIRECT_SECONDS)}` : `${lead} ${x.noSignIn}`,
      content: signIn
        ? [p("lead", lead), signInLink(x, signIn), countdown, h("div", { class: "button-group" }, stay)]
        : [p("lead", lead), p("body", x.noSignIn)],
      after: () => {
        if (!signIn) return;
        let left = REDIRECT_SECONDS;
        countdown.textContent = x.redirecting(left);
        const tick = () => {
          left -= 1;
          if (left <= 0) {
            window.location.assign(signIn);
            return;
          }
          countdown.textContent = x.redirecting(left);
          redirectTimer = setTimeout(tick, 1000);
        };
        redirectTimer = setTimeout(tick, 1000);
        stay.addEventListener("click", () => {
          clearTimeout(redirectTimer);
          redirectTimer = null;
          countdown.textContent = x.stayed;
          stay.remove();
          announce(x.stayed);
          main.querySelector(".sign-in-link")?.focus();
        });
      },
    };
  },

  already: (x, { storeName, signInUrl }) => {
    const signIn = safeUrl(signInUrl);
    const lead = x.alreadyLead(storeName);
    return {
      title: x.alreadyTitle,
      announce: lead,
      content: [p("lead", lead), signIn ? signInLink(x, signIn) : p("body", x.noSignIn)],
    };
  },

  expired: (x, { storeName }) => ended(x.expiredTitle, x.expiredLead(storeName)),
  revoked: (x, { storeName }) => ended(x.revokedTitle, x.revokedLead(storeName)),
  replaced: (x, { storeName }) => ended(x.replacedTitle, x.replacedLead(storeName)),
  unknown: (x) => ended(x.unknownTitle, x.unknownLead),

  network: (x) => retryable(x.networkTitle, x.networkLead, x),
  failed: (x) => retryable(x.failedTitle, x.failedLead, x),

  busy: (x, { retryAfter }) => {
    const wait = retryAfter ?? 60;
    const view = retryable(x.busyTitle, x.busyLead(x.wait(wait)), x);
    const button = view.content[1].firstChild;
    button.disabled = true;
    view.after = () => {
      // The button comes back once the server will answer again.
      retryTimer = setTimeout(() => {
        button.disabled = false;
      }, wait * 1000);
    };
    return view;
  },
};

function ended(title, lead) {
  return { title, announce: lead, content: [p("lead problem", lead)] };
}

function retryable(title, lead, x) {
  const retry = h("button", { type: "button", class: "button" }, x.retry);
  retry.addEventListener("click", () => load());
  return { title, announce: lead, content: [p("lead problem", lead), h("div", { class: "button-group" }, retry)] };
}

function acceptForm(x, invitation) {
  const hintId = "name-hint";
  const errorId = "name-error";
  const input = h("input", {
    id: "name",
    name: "name",
    class: "input",
    type: "text",
    required: true,
    maxlength: "100",
    autocomplete: "name",
    spellcheck: "false",
    "aria-describedby": hintId,
  });
  const form = h(
    "form",
    { class: "accept-form", novalidate: true },
    h(
      "div",
      { class: "form-group", "data-field": "name" },
      h("label", { class: "label", for: "name" }, x.nameLabel),
      h("p", { class: "hint", id: hintId }, x.nameHint),
      h("p", { class: "error-message", id: errorId, hidden: true }),
      input,
    ),
    h("p", { class: "form-message problem", hidden: true }),
    h("div", { class: "button-group" }, h("button", { type: "submit", class: "button" }, x.accept)),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    accept(form, invitation);
  });
  return form;
}

function fieldError(form, message) {
  const group = form.querySelector("[data-field=name]");
  const error = group.querySelector(".error-message");
  const input = group.querySelector("input");
  group.classList.toggle("form-group--error", Boolean(message));
  error.hidden = !message;
  error.replaceChildren(...(message ? [h("span", { class: "visually-hidden" }, `${t().errorPrefix} `), message] : []));
  if (message) {
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", `name-hint name-error`);
    announce(message);
  } else {
    input.removeAttribute("aria-invalid");
    input.setAttribute("aria-describedby", "name-hint");
  }
}

function formMessage(form, message) {
  const element = form.querySelector(".form-message");
  element.hidden = !message;
  element.textContent = message ?? "";
  if (message) announce(message);
}

function signInLink(x, url) {
  return h("p", { class: "body" }, h("a", { class: "button sign-in-link", href: url, rel: "noreferrer noopener" }, x.signIn));
}

/** "Tuesday, March 17, 2026, 11:30 PM EDT", and below it how long is left and which zone that is. */
function expiry(x, invitation) {
  const at = new Date(invitation.expiresAt);
  if (Number.isNaN(at.getTime())) return "";
  let zone = invitation.timeZone || "UTC";
  try {
    new Intl.DateTimeFormat(language, { timeZone: zone });
  } catch {
    zone = "UTC";
  }
  const date = new Intl.DateTimeFormat(language, { weekday: "long", year: "numeric", month: "long", day: "numeric", timeZone: zone }).format(at);
  const time = new Intl.DateTimeFormat(language, { hour: "numeric", minute: "2-digit", timeZone: zone }).format(at);
  const zoneName =
    new Intl.DateTimeFormat(language, { timeZone: zone, timeZoneName: "short" })
      .formatToParts(at)
      .find((part) => part.type === "timeZoneName")?.value ?? zone;
  return h(
    "span",
    {},
    h("time", { datetime: at.toISOString(), class: "expiry" }, plain(x.dateTime(date, time, zoneName))),
    h("span", { class: "secondary" }, x.zoneNote(relative(at), zone)),
  );
}

function relative(at) {
  const format = new Intl.RelativeTimeFormat(language, { numeric: "auto" });
  const minutes = Math.round((at.getTime() - Date.now()) / 60000);
  if (Math.abs(minutes) >= 24 * 60) return format.format(Math.round(minutes / (24 * 60)), "day");
  if (Math.abs(minutes) >= 60) return format.format(Math.round(minutes / 60), "hour");
  return format.format(minutes, "minute");
}

/** Ordinary spaces where Intl puts narrow or no-break ones (before "PM"), so the text copies and reads plainly. */
function plain(text) {
  return text.replace(/[\u202f\u00a0]/g, " ");
}

// ---------------------------------------------------------------------------------------------------------------
// Language, token, helpers

function t() {
  return TEXTS[language] ?? TEXTS.en;
}

function pickLanguage(tags) {
  for (const tag of tags ?? []) {
    const base = String(tag ?? "").toLowerCase().split(/[-_]/)[0];
    if (SUPPORTED.includes(base)) return base;
  }
  return null;
}

/** Once the invitation says its language, the page speaks it (before that: the browser's, else English). */
function follow(locale) {
  language = pickLanguage([locale]) ?? language;
}

/**
 * Reads the token and takes it out of the address bar and this history entry, so it is not left on screen, in
 * screenshots or in the browser's history. The tab keeps it (sessionStorage) so that a reload still shows the
 * invitation, or that it was accepted.
 */
function takeToken() {
  const params = new URLSearchParams(window.location.search);
  let value = params.get("token");
  if (value) {
    try {
      sessionStorage.setItem(TOKEN_KEY, value);
    } catch {
      // storage disabled: a reload then shows "not valid", which the address bar had already lost anyway
    }
    params.delete("token");
    const rest = params.toString();
    history.replaceState(history.state, "", window.location.pathname + (rest ? `?${rest}` : "") + window.location.hash);
  } else {
    try {
      value = sessionStorage.getItem(TOKEN_KEY);
    } catch {
      value = null;
    }
  }
  return value ?? "";
}

/** Only http(s) addresses become links or redirects, whatever the API says. */
function safeUrl(value) {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

function announce(message) {
  // Emptied first, so the same words said twice are announced twice.
  announcer.textContent = "";
  window.setTimeout(() => {
    announcer.textContent = message;
  }, 50);
}

function focusHeading() {
  document.getElementById("title")?.focus();
}

function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") element.className = value;
    else if (name === "hidden" || name === "disabled") element[name] = value;
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

function p(className, text) {
  return h("p", { class: className }, text);
}

function row(term, value) {
  return h("div", { class: "details__row" }, h("dt", {}, term), h("dd", {}, value));
}

window.addEventListener("online", () => {
  if (main.dataset.state === "network") load();
});

load();
