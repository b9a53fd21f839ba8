// Audit: who invited, resent, copied, deleted, accepted, and when.
import { h, uid } from "./dom.js";
import { AUDIT_ACTIONS, formatDateTime } from "./format.js";
import { problemText } from "./ui.js";

export class AuditView {
  constructor(context) {
    this.context = context;
    this.body = h("tbody", { class: "table__body" });
    this.empty = h("p", { class: "body empty", hidden: true }, "Nothing has happened in this store yet.");
    const titleId = uid("audit-title");
    this.table = h(
      "table",
      { class: "table table--responsive" },
      h("caption", { class: "visually-hidden" }, "Audit trail, newest first"),
      h("thead", {}, h("tr", {}, ["When", "Who", "What", "Invite"].map((t) => h("th", { scope: "col" }, t)))),
      this.body,
    );
    this.element = h(
      "section",
      { class: "view", "aria-labelledby": titleId },
      h("h2", { class: "heading-l", id: titleId }, "Audit"),
      h("p", { class: "body" }, "The latest 100 changes to this store's invites."),
      h("div", { class: "table-wrapper" }, this.table),
      this.empty,
    );
  }

  async start() {
    const { api, storeId, banner } = this.context;
    try {
      const page = await api.get(`${api.store(storeId)}/audit?limit=100`);
      this.body.replaceChildren(
        ...page.items.map((entry) =>
          h(
            "tr",
            {},
            h("td", { "data-label": "When" }, formatDateTime(entry.at)),
            h("td", { "data-label": "Who" }, entry.actor?.name || entry.actor?.id || "The system"),
            h("td", { "data-label": "What" }, AUDIT_ACTIONS[entry.action] ?? entry.action),
            h("td", { "data-label": "Invite" }, h("span", { class: "contact" }, entry.email ?? ""), entry.role ? h("span", { class: "secondary" }, entry.role) : null),
          ),
        ),
      );
      this.empty.hidden = page.items.length > 0;
      this.table.hidden = page.items.length === 0;
    } catch (error) {
      banner.error(`The audit trail could not be loaded: ${problemText(error)}`);
    }
  }

  stop() {}
}
