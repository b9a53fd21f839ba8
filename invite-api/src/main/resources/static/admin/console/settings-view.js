// Store settings: channels, sender, reply-to, links, default locale, time zone, expiry and reminders.
import { h, uid } from "./dom.js";
import { ErrorSummary, field, problemText } from "./ui.js";

export class SettingsView {
  constructor(context) {
    this.context = context;
    this.fields = {
      storeName: field({ name: "storeName", label: "Store name", hint: "Shown in every invitation.", attrs: { maxlength: "120" } }),
      channels: field({
        name: "channels",
        label: "Send invites by",
        hint: "With SMS, the invite form asks for a phone number.",
        kind: "checkboxes",
        options: [
          { value: "EMAIL", text: "Email" },
          { value: "SMS", text: "SMS" },
        ],
      }),
      senderName: field({ name: "senderName", label: "Sender name (optional)", hint: "The name invitations come from. Leave empty to use the store name.", attrs: { maxlength: "120" } }),
      replyTo: field({ name: "replyTo", label: "Reply-to email address (optional)", type: "email", attrs: { maxlength: "254" } }),
      acceptUrlBase: field({ name: "acceptUrlBase", label: "Invite link address", hint: "The page invite links open, like https://admin.example.com/accept", type: "url", attrs: { maxlength: "500" } }),
      defaultLocale: field({
        name: "defaultLocale",
        label: "Default language",
        kind: "select",
        options: [
          { value: "en", text: "English (en)" },
          { value: "de", text: "German (de)" },
        ],
      }),
      timeZone: field({
        name: "timeZone",
        label: "Time zone",
        hint: "Invitations and the accept page show times in it: an IANA time zone like Europe/Berlin, America/New_York or UTC.",
        attrs: { maxlength: "64", autocomplete: "off", spellcheck: "false" },
      }),
      signInUrl: field({
        name: "signInUrl",
        label: "Sign-in address (optional)",
        hint: "Where invitees continue after accepting, like https://admin.example.com/sign-in. The accept page links there and takes them there after a few seconds.",
        type: "url",
        attrs: { maxlength: "500" },
      }),
      inviteTtlDays: field({ name: "inviteTtlDays", label: "Invites expire after (days)", type: "number", width: 3, attrs: { min: "1", max: "30", inputmode: "numeric" } }),
      remindersEnabled: field({
        name: "remindersEnabled",
        label: "Reminders",
        hint: "One reminder before an invite expires.",
        kind: "checkboxes",
        options: [{ value: "on", text: "Send a reminder before an invite expires" }],
      }),
    };
    const list = Object.values(this.fields);
    this.summary = new ErrorSummary(list);
    this.save = h("button", { type: "submit", class: "button" }, "Save settings");
    const titleId = uid("settings-title");
    this.element = h(
      "form",
      { class: "view", novalidate: true, "aria-labelledby": titleId, onsubmit: (event) => this.submit(event) },
      h("h2", { class: "heading-l", id: titleId }, "Store settings"),
      this.summary.element,
      list.map((f) => f.group),
      h("div", { class: "button-group" }, this.save),
    );
  }

  async start() {
    const { api, storeId, banner } = this.context;
    try {
      this.show(await api.get(`${api.store(storeId)}/settings`));
    } catch (error) {
      banner.error(`Settings could not be loaded: ${problemText(error)}`);
    }
  }

  stop() {}

  show(settings) {
    for (const [name, f] of Object.entries(this.fields)) {
      if (name === "remindersEnabled") f.write(settings.remindersEnabled ? ["on"] : []);
      else f.write(settings[name] ?? "");
    }
  }

  async submit(event) {
    event.preventDefault();
    const f = this.fields;
    const channels = f.channels.read();
    if (channels.length === 0) {
      this.summary.show([{ field: "channels", message: "Select at least one way to send invites" }]);
      return;
    }
    const optional = (value) => (value.trim() === "" ? null : value.trim());
    const days = Number.parseInt(f.inviteTtlDays.read(), 10);
    const body = {
      storeName: optional(f.storeName.read()),
      channels,
      senderName: optional(f.senderName.read()),
      replyTo: optional(f.replyTo.read()),
      acceptUrlBase: optional(f.acceptUrlBase.read()),
      defaultLocale: f.defaultLocale.read(),
      timeZone: optional(f.timeZone.read()),
      signInUrl: optional(f.signInUrl.read()),
      inviteTtlDays: Number.isFinite(days) ? days : null,
      remindersEnabled: f.remindersEnabled.read().includes("on"),
    };
    this.save.disabled = true;
    try {
      const saved = await this.context.api.put(`${this.context.api.store(this.context.storeId)}/settings`, body);
      this.summary.clear();
      this.show(saved);
      this.context.banner.success("Store settings saved.");
    } catch (error) {
      const errors = error.fieldErrors.map((e) => ({
        field: e.field in this.fields ? e.field : null,
        message: `${(this.fields[e.field]?.label ?? e.field).replace(" (optional)", "")} ${e.reason}`,
      }));
      this.summary.show(errors.length ? errors : [{ field: null, message: problemText(error) }]);
    } finally {
      this.save.disabled = false;
    }
  }
}
