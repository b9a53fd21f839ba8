// Pending invites: every invite not yet accepted, newest first, following delivery without a reload.
import { h, replace, uid } from "./dom.js";
import { CHANNELS, DELIVERY_STATES, KINDS, formatDate, formatDateTime, formatWait, fromNow } from "./format.js";
import { actionMenu, confirmDialog, problemText } from "./ui.js";

/** Delivery states change within seconds of sending; the table asks again this often while it is visible. */
const REFRESH_MS = 2000;
const PAGE_SIZE = 20;

const FILTERS = [
  { value: "", text: "Open (pending and expired)" },
  { value: "ACCEPTED", text: "Accepted" },
  { value: "REVOKED", text: "Deleted" },
  { value: "ALL", text: "All" },
];

export class PendingInvites {
  /** @param context {api, storeId, banner, dialogs (where dialogs go)} */
  constructor(context) {
    this.context = context;
    this.rows = new Map();
    this.cursors = [null]; // cursor of each page seen so far; the last is the current page
    this.nextCursor = null;
    this.status = "";
    this.emailPrefix = "";
    this.timer = null;
    this.generation = 0;

    const headingId = uid("pending-title");
    this.heading = h("h2", { class: "heading-m", id: headingId, tabindex: "-1" }, "Pending invites");
    const statusId = uid("invite-filter");
    const searchId = uid("invite-search");
    this.filter = h(
      "select",
      { class: "select", id: statusId, onchange: () => this.restart({ status: this.filter.value }) },
      FILTERS.map((f) => h("option", { value: f.value }, f.text)),
    );
    this.search = h("input", {
      class: "input input--width-20",
      id: searchId,
      type: "search",
      autocomplete: "off",
      spellcheck: "false",
      maxlength: "254",
      oninput: () => {
        clearTimeout(this.searchTimer);
        this.searchTimer = setTimeout(() => this.restart({ emailPrefix: this.search.value.trim() }), 300);
      },
    });
    this.body = h("tbody", { class: "table__body" });
    this.empty = h("p", { class: "body empty", hidden: true }, "No invites to show.");
    this.previous = h("button", { type: "button", class: "button button--secondary", onclick: () => this.page(-1) }, "Previous page");
    this.next = h("button", { type: "button", class: "button button--secondary", onclick: () => this.page(1) }, "Next page");
    this.pageLabel = h("span", { class: "pagination__label" });
    this.table = h(
      "table",
      { class: "table table--responsive" },
      h("caption", { class: "visually-hidden" }, "Pending invites, newest first"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["Email or phone", "Role", "Invited by", "Last sent", "Expires", "Delivery"].map((text) =>
            h("th", { scope: "col" }, text),
          ),
          h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")),
        ),
      ),
      this.body,
    );
    this.element = h(
      "section",
      { class: "section", "aria-labelledby": headingId },
      this.heading,
      h(
        "div",
        { class: "filters", role: "search" },
        h("div", { class: "form-group" }, h("label", { class: "label", for: statusId }, "Show"), this.filter),
        h(
          "div",
          { class: "form-group" },
          h("label", { class: "label", for: searchId }, "Search by email"),
          h("div", { class: "hint", id: `${searchId}-hint` }, "The start of the address, like ada@ or ada.l"),
          this.search,
        ),
      ),
      h("div", { class: "table-wrapper" }, this.table),
      this.empty,
      h("nav", { class: "pagination", "aria-label": "Pending invites pages" }, this.previous, this.pageLabel, this.next),
    );
    this.search.setAttribute("aria-describedby", `${searchId}-hint`);
    this.onVisibility = () => this.schedule(0);
  }

  start() {
    document.addEventListener("visibilitychange", this.onVisibility);
    this.schedule(0);
  }

  stop() {
    document.removeEventListener("visibilitychange", this.onVisibility);
    clearTimeout(this.timer);
    this.timer = null;
    this.generation += 1;
  }

  /** Loads the current page now, then every REFRESH_MS while the page is visible. */
  schedule(delay) {
    clearTimeout(this.timer);
    if (document.visibilityState === "hidden") return;
    this.timer = setTimeout(() => this.refresh(), delay);
  }

  restart(change) {
    Object.assign(this, change);
    this.cursors = [null];
    this.schedule(0);
  }

  page(direction) {
    if (direction > 0 && this.nextCursor) this.cursors.push(this.nextCursor);
    if (direction < 0 && this.cursors.length > 1) this.cursors.pop();
    this.schedule(0);
  }

  async refresh() {
    const generation = ++this.generation;
    const { api, storeId } = this.context;
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (this.status) query.set("status", this.status);
    if (this.emailPrefix) query.set("emailPrefix", this.emailPrefix);
    const cursor = this.cursors[this.cursors.length - 1];
    if (cursor) query.set("cursor", cursor);
    try {
      const page = await api.get(`${api.store(storeId)}/invites?${query}`);
      if (generation !== this.generation) return; // a newer request (filter, page, action) took over
      this.render(page);
    } catch (error) {
      if (generation !== this.generation) return;
      if (error.status === 400 && this.cursors.length > 1) {
        this.cursors = [null]; // a cursor from before a restart of the filter
      } else if (error.status !== 401) {
        this.context.banner.error(`Pending invites could not be updated: ${problemText(error)}`);
      }
    } finally {
      if (generation === this.generation) this.schedule(REFRESH_MS);
    }
  }

  render(page) {
    this.nextCursor = page.nextCursor;
    const seen = new Set();
    const focused = this.element.getRootNode().activeElement;
    let previous = null;
    for (const invite of page.items) {
      seen.add(invite.id);
      let row = this.rows.get(invite.id);
      if (!row) {
        row = new Row(invite, this);
        this.rows.set(invite.id, row);
      } else {
        row.update(invite);
      }
      // Move a row only when the order changed: moving a node takes focus away from it.
      const wanted = previous ? previous.element.nextSibling : this.body.firstChild;
      if (wanted !== row.element) this.body.insertBefore(row.element, wanted);
      previous = row;
    }
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) this.removeRow(id, row);
    }
    if (focused && focused.isConnected === false) this.heading.focus();
    else if (focused && this.element.contains(focused) && this.element.getRootNode().activeElement !== focused) focused.focus();
    this.empty.hidden = page.items.length > 0;
    this.table.hidden = page.items.length === 0;
    this.previous.hidden = this.cursors.length <= 1;
    this.next.hidden = !page.nextCursor;
    this.pageLabel.textContent = this.cursors.length > 1 || page.nextCursor ? `Page ${this.cursors.length}` : "";
  }

  removeRow(id, row = this.rows.get(id)) {
    row?.element.remove();
    this.rows.delete(id);
    this.empty.hidden = this.rows.size > 0;
    this.table.hidden = this.rows.size === 0;
  }

  /** After a change the admin made: show it at once rather than at the next tick. */
  changed() {
    this.generation += 1;
    this.schedule(0);
  }

  async resend(invite) {
    const { api, storeId, banner } = this.context;
    try {
      await api.post(`${api.store(storeId)}/invites/${encodeURIComponent(invite.id)}/resend`);
      banner.success(`Invite resent to ${who(invite)}. The earlier link no longer works.`);
      this.changed();
    } catch (error) {
      if (error.status === 429) {
        const wait = error.retryAfterSeconds;
        banner.error(
          `The invite to ${who(invite)} was resent too often: try again in ${wait == null ? "a while" : formatWait(wait)}.`,
        );
      } else {
        banner.error(`The invite to ${who(invite)} was not resent: ${problemText(error)}`);
      }
    }
  }

  async copyLink(invite) {
    const { api, storeId, banner } = this.context;
    let link;
    try {
      link = await api.get(`${api.store(storeId)}/invites/${encodeURIComponent(invite.id)}/link`);
    } catch (error) {
      banner.error(`The invite link for ${who(invite)} is not available: ${problemText(error)}`);
      return;
    }
    try {
      await navigator.clipboard.writeText(link.url);
      banner.success(`Invite link for ${who(invite)} copied. It works until ${formatDateTime(link.expiresAt)}.`);
    } catch {
      // No clipboard access (permissions, insecure origin): show the link to copy by hand.
      const id = uid("invite-link");
      const input = h("input", { class: "input", id, readonly: true, value: link.url });
      banner.success(
        `Copy the invite link for ${who(invite)}. It works until ${formatDateTime(link.expiresAt)}.`,
        h("div", { class: "form-group" }, h("label", { class: "label", for: id }, "Invite link"), input),
      );
      input.focus();
      input.select();
    }
  }

  async remove(invite, opener) {
    const { api, storeId, banner, dialogs } = this.context;
    const confirmed = await confirmDialog(dialogs, {
      title: `Delete the invite for ${who(invite)}?`,
      body: "The invite link stops working at once and nothing more is sent. You can invite this address again later.",
      confirmText: "Delete",
      opener,
      fallback: this.heading,
    });
    if (!confirmed) return;
    try {
      await api.delete(`${api.store(storeId)}/invites/${encodeURIComponent(invite.id)}`);
      this.removeRow(invite.id);
      this.heading.focus();
      banner.success(`Invite for ${who(invite)} deleted.`);
      this.changed();
    } catch (error) {
      banner.error(`The invite for ${who(invite)} was not deleted: ${problemText(error)}`);
    }
  }
}

function who(invite) {
  return invite.email || invite.phone;
}

/** One invite's row. Cells are rebuilt only when what they show changed, so focus and open menus survive. */
class Row {
  constructor(invite, table) {
    this.table = table;
    this.cells = ["Email or phone", "Role", "Invited by", "Last sent", "Expires", "Delivery"].map((label) =>
      h("td", { "data-label": label }),
    );
    this.actions = h("td", { class: "table__actions" });
    this.element = h("tr", { "data-invite-id": invite.id }, this.cells, this.actions);
    this.signature = [];
    this.update(invite);
  }

  update(invite) {
    this.invite = invite;
    const now = Date.now();
    const contents = [
      () => contact(invite),
      () => invite.role,
      () => invite.invitedBy?.name || invite.invitedBy?.id || "",
      () => lastSent(invite, now),
      () => expiry(invite, now),
      () => deliveries(invite, now),
    ];
    contents.forEach((content, index) => {
      const node = content();
      const key = node instanceof Node ? node.textContent + (node.title ?? "") : String(node);
      if (this.signature[index] !== key) {
        this.signature[index] = key;
        replace(this.cells[index], node);
      }
    });
    const open = invite.status === "PENDING" || invite.status === "EXPIRED";
    const menuKey = `${invite.status}`;
    if (this.menuKey !== menuKey) {
      this.menuKey = menuKey;
      replace(this.actions, open ? this.menu(invite) : h("span", { class: "tag tag--grey" }, statusText(invite.status)));
    }
  }

  menu(invite) {
    const items = [{ text: "Resend invite", onSelect: () => this.table.resend(this.invite) }];
    if (invite.status === "PENDING") {
      items.push({ text: "Copy invite link", onSelect: () => this.table.copyLink(this.invite) });
    }
    items.push({ text: "Delete", tone: "warning", onSelect: (opener) => this.table.remove(this.invite, opener) });
    return actionMenu({ label: `Actions for ${who(invite)}`, items });
  }
}

function contact(invite) {
  if (invite.email && invite.phone) {
    return h("span", {}, h("span", { class: "contact" }, invite.email), h("span", { class: "secondary" }, invite.phone));
  }
  return h("span", { class: "contact" }, who(invite));
}

function lastSent(invite, now) {
  if (!invite.lastSentAt) return h("span", { class: "secondary" }, "Not sent yet");
  const times = invite.sendCount === 1 ? "sent once" : `sent ${invite.sendCount} times`;
  return h("span", { title: formatDateTime(invite.lastSentAt) }, `${fromNow(invite.lastSentAt, now)}, ${times}`);
}

function expiry(invite, now) {
  if (invite.status === "ACCEPTED" || invite.status === "REVOKED") return statusText(invite.status);
  const at = new Date(invite.expiresAt).getTime();
  const expired = at <= now || invite.status === "EXPIRED";
  const text = expired ? `expired ${fromNow(invite.expiresAt, now)}` : fromNow(invite.expiresAt, now);
  const when = h("span", { title: formatDate(invite.expiresAt) }, text);
  // An expired invite can be resent until the expiry-worker purges it; say when it leaves the table.
  if (!expired || !invite.purgeAt) return when;
  return h("span", {}, when, h("span", { class: "secondary", "data-purge": "" }, `removed on ${formatDate(invite.purgeAt)}`));
}

function statusText(status) {
  return { ACCEPTED: "Accepted", REVOKED: "Deleted", EXPIRED: "Expired", PENDING: "Pending" }[status] ?? status;
}

/**
 * Each channel's delivery of the latest invitation ("Email: sent", "Email (resend): sent") and, apart from it, of the
 * latest reminder ("Email (reminder): sent"), with the reason of a failure or retry on hover or focus.
 */
function deliveries(invite, now) {
  const sent = invite.deliveries?.length ? invite.deliveries : invite.delivery ? [invite.delivery] : [];
  const items = [
    ...sent.map((delivery) => ({ delivery, kind: invite.deliveryKind ?? "INVITE" })),
    ...(invite.reminders ?? []).map((delivery) => ({ delivery, kind: "REMINDER" })),
  ];
  if (items.length === 0) return h("span", { class: "secondary" }, "None");
  return h(
    "ul",
    { class: "deliveries" },
    items.map(({ delivery, kind }) => {
      const state = DELIVERY_STATES[delivery.state] ?? { text: String(delivery.state).toLowerCase(), tone: "grey" };
      const label = kind !== "INVITE" ? ` (${KINDS[kind] ?? String(kind).toLowerCase()})` : "";
      let text = `${CHANNELS[delivery.channel] ?? delivery.channel}${label}: ${state.text}`;
      if (delivery.state === "RETRYING" && delivery.nextAttemptAt) {
        text += `, next attempt ${fromNow(delivery.nextAttemptAt, now)}`;
      }
      const tag = h("span", { class: `tag tag--${state.tone}`, "data-state": delivery.state, "data-kind": kind }, text);
      if (!delivery.lastError) return h("li", {}, tag);
      const tipId = uid("reason");
      tag.setAttribute("tabindex", "0");
      tag.setAttribute("aria-describedby", tipId);
      tag.classList.add("has-tip");
      return h(
        "li",
        { class: "tip-anchor" },
        tag,
        h("span", { class: "tip", role: "tooltip", id: tipId }, `Reason: ${delivery.lastError}`),
      );
    }),
  );
}
