// Settings -> Users: the store's admin users, the Invite button and form, and the pending invites below.
import { h, replace, uid } from "./dom.js";
import { formatDate } from "./format.js";
import { InviteForm } from "./invite-form.js";
import { PendingInvites } from "./pending-invites.js";
import { problemText } from "./ui.js";

export class UsersView {
  /** @param context {api, storeId, banner, dialogs} */
  constructor(context) {
    this.context = context;
    this.usersBody = h("tbody", { class: "table__body" });
    this.usersEmpty = h("p", { class: "body empty", hidden: true }, "No users yet. Invite someone to help run this store.");
    this.more = h("button", { type: "button", class: "button button--secondary", hidden: true, onclick: () => this.loadUsers(this.nextCursor) }, "Show more users");
    this.inviteButton = h("button", { type: "button", class: "button", "aria-expanded": "false", onclick: () => this.openForm() }, "Invite");
    this.formSlot = h("div", { class: "invite-panel", hidden: true });
    this.pending = new PendingInvites(context);
    const headingId = uid("users-title");
    this.usersTable = h(
      "table",
      { class: "table table--responsive" },
      h("caption", { class: "visually-hidden" }, "Users of this store"),
      h("thead", {}, h("tr", {}, ["Name", "Email", "Role", "Joined"].map((t) => h("th", { scope: "col" }, t)))),
      this.usersBody,
    );
    this.element = h(
      "div",
      { class: "view" },
      h(
        "section",
        { class: "section", "aria-labelledby": headingId },
        h(
          "div",
          { class: "heading-row" },
          h("h2", { class: "heading-l", id: headingId }, "Users"),
          // Actions beside the heading. Bulk invites (issue 13) add their "Import CSV" button here.
          h("div", { class: "button-group heading-row__actions" }, this.inviteButton),
        ),
        h("div", { class: "table-wrapper" }, this.usersTable),
        this.usersEmpty,
        this.more,
      ),
      this.formSlot,
      this.pending.element,
    );
  }

  async start() {
    this.pending.start();
    await Promise.all([this.loadUsers(null), this.loadFormContext()]);
  }

  stop() {
    this.pending.stop();
  }

  async loadUsers(cursor) {
    const { api, storeId, banner } = this.context;
    try {
      const query = new URLSearchParams({ limit: "20" });
      if (cursor) query.set("cursor", cursor);
      const page = await api.get(`${api.store(storeId)}/users?${query}`);
      if (!cursor) this.usersBody.replaceChildren();
      for (const user of page.items) {
        this.usersBody.append(
          h(
            "tr",
            {},
            h("td", { "data-label": "Name" }, user.name),
            h("td", { "data-label": "Email" }, h("span", { class: "contact" }, user.email)),
            h("td", { "data-label": "Role" }, user.role),
            h("td", { "data-label": "Joined" }, formatDate(user.joinedAt)),
          ),
        );
      }
      this.nextCursor = page.nextCursor;
      this.more.hidden = !page.nextCursor;
      const none = this.usersBody.childElementCount === 0;
      this.usersEmpty.hidden = !none;
      this.usersTable.hidden = none;
    } catch (error) {
      if (error.status !== 401) banner.error(`Users could not be loaded: ${problemText(error)}`);
    }
  }

  /** The form depends on the store's channels (phone field for SMS) and the configured roles. */
  async loadFormContext() {
    const { api, storeId } = this.context;
    const [settings, roles] = await Promise.all([api.get(`${api.store(storeId)}/settings`), api.get(`${api.store(storeId)}/roles`)]);
    this.form = new InviteForm(
      { ...this.context, settings, roles: roles.items },
      (invite) => this.sent(invite),
      () => this.closeForm(),
    );
    replace(this.formSlot, this.form.element);
  }

  async openForm() {
    if (!this.form) {
      try {
        await this.loadFormContext();
      } catch (error) {
        this.context.banner.error(`The invite form could not be opened: ${problemText(error)}`);
        return;
      }
    }
    this.formSlot.hidden = false;
    this.inviteButton.setAttribute("aria-expanded", "true");
    this.form.focus();
  }

  closeForm() {
    this.formSlot.hidden = true;
    this.inviteButton.setAttribute("aria-expanded", "false");
    this.inviteButton.focus();
  }

  sent(invite) {
    this.context.banner.success(`Invite sent to ${invite.email}.`);
    this.closeForm();
    this.pending.changed();
  }
}
