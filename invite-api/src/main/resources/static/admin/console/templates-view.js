// Templates per channel and locale: edit, validate (errors at line and column), preview, restore the default.
import { h, replace, uid } from "./dom.js";
import { ErrorSummary, confirmDialog, field, problemText } from "./ui.js";

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";

/** How many SMS segments a text takes: GSM-7 (160, or 153 per part) unless a character needs UCS-2 (70 / 67). */
export function smsSegments(text) {
  let septets = 0;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) septets += 1;
    else if (GSM_EXTENDED.includes(ch)) septets += 2;
    else {
      const units = Array.from(text).reduce((n, c) => n + (c.codePointAt(0) > 0xffff ? 2 : 1), 0);
      return { encoding: "UCS-2 (Unicode)", length: units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: "GSM-7", length: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

export class TemplatesView {
  constructor(context) {
    this.context = context;
    this.channel = field({
      name: "channel",
      label: "Channel",
      kind: "radios",
      options: [
        { value: "EMAIL", text: "Email" },
        { value: "SMS", text: "SMS" },
      ],
      value: "EMAIL",
    });
    this.locale = field({
      name: "locale",
      label: "Language",
      kind: "select",
      options: [
        { value: "en", text: "English (en)" },
        { value: "de", text: "German (de)" },
      ],
    });
    this.subject = field({ name: "subject", label: "Subject", attrs: { maxlength: "200", spellcheck: "false" } });
    this.html = field({ name: "html", label: "HTML part", kind: "textarea", attrs: { rows: "12", spellcheck: "false", class: "textarea textarea--code" } });
    this.text = field({ name: "text", label: "Text part", kind: "textarea", attrs: { rows: "8", spellcheck: "false", class: "textarea textarea--code" } });
    this.summary = new ErrorSummary([this.subject, this.html, this.text]);
    this.source = h("p", { class: "body source" });
    this.preview = h("div", { class: "preview", "aria-live": "polite" });
    const titleId = uid("templates-title");
    this.editor = h(
      "form",
      { class: "template-editor", novalidate: true, hidden: true, onsubmit: (event) => this.save(event) },
      this.summary.element,
      this.source,
      this.subject.group,
      this.html.group,
      this.text.group,
      h(
        "div",
        { class: "button-group" },
        h("button", { type: "button", class: "button button--secondary", onclick: () => this.showPreview() }, "Check and preview"),
        h("button", { type: "submit", class: "button" }, "Save template"),
        h("button", { type: "button", class: "button button--warning", onclick: (event) => this.restore(event.currentTarget) }, "Restore default"),
      ),
    );
    this.element = h(
      "section",
      { class: "view", "aria-labelledby": titleId },
      h("h2", { class: "heading-l", id: titleId }, "Templates"),
      h(
        "form",
        { class: "filters", onsubmit: (event) => { event.preventDefault(); this.load(); } },
        this.channel.group,
        this.locale.group,
        h("div", { class: "form-group" }, h("button", { type: "submit", class: "button button--secondary" }, "Show template")),
      ),
      this.editor,
      this.preview,
    );
  }

  async start() {
    const { api, storeId } = this.context;
    try {
      const settings = await api.get(`${api.store(storeId)}/settings`);
      this.locale.write(settings.defaultLocale?.slice(0, 2) ?? "en");
    } catch {
      // keep English
    }
    await this.load();
  }

  stop() {}

  path() {
    const { api, storeId } = this.context;
    return `${api.store(storeId)}/templates/${this.channel.read()}/${encodeURIComponent(this.locale.read())}`;
  }

  isSms() {
    return this.channel.read() === "SMS";
  }

  async load() {
    this.summary.clear();
    this.preview.replaceChildren();
    try {
      const template = await this.context.api.get(`${this.path()}?effective=true`);
      this.subject.group.hidden = this.isSms();
      this.html.group.hidden = this.isSms();
      this.subject.write(template.subject ?? "");
      this.html.write(template.html ?? "");
      this.text.write(template.text ?? "");
      this.source.textContent =
        template.source === "STORE"
          ? `This store's own template (${template.locale}), last changed ${template.updatedAt ? new Date(template.updatedAt).toLocaleString() : ""}.`
          : `The default template (${template.locale}). Saving makes it this store's own.`;
      this.editor.hidden = false;
    } catch (error) {
      this.context.banner.error(`The template could not be loaded: ${problemText(error)}`);
    }
  }

  body() {
    return this.isSms()
      ? { text: this.text.read() }
      : { subject: this.subject.read(), html: this.html.read(), text: this.text.read() };
  }

  showErrors(error) {
    const errors = error.fieldErrors.map((e) => ({
      field: ["subject", "html", "text"].includes(e.field) ? e.field : null,
      message:
        e.line > 0
          ? `${labelOf(e.field)}, line ${e.line}, column ${e.column}: ${e.reason}`
          : `${labelOf(e.field)} ${e.reason}`,
    }));
    this.summary.show(errors.length ? errors : [{ field: null, message: problemText(error) }]);
  }

  async showPreview() {
    this.summary.clear();
    try {
      const preview = await this.context.api.post(`${this.path()}/preview`, { template: this.body() });
      this.renderPreview(preview);
    } catch (error) {
      this.preview.replaceChildren();
      this.showErrors(error);
    }
  }

  renderPreview(preview) {
    const parts = [h("h3", { class: "heading-s" }, "Preview")];
    if (this.isSms()) {
      const sms = smsSegments(preview.text ?? "");
      parts.push(
        h("pre", { class: "preview__text" }, preview.text),
        h("p", { class: "body" }, `${sms.length} characters, ${sms.encoding}: ${sms.segments === 1 ? "1 SMS segment" : `${sms.segments} SMS segments`}.`),
      );
    } else {
      // The store's HTML runs in a sandboxed frame: no scripts, no access to this page.
      const frame = h("iframe", { class: "preview__frame", title: "Email preview (HTML part)", sandbox: "" });
      frame.srcdoc = preview.html ?? "";
      parts.push(
        h("p", { class: "body" }, h("strong", {}, "Subject: "), preview.subject),
        frame,
        h("h4", { class: "heading-s" }, "Text part"),
        h("pre", { class: "preview__text" }, preview.text),
      );
    }
    replace(this.preview, parts);
  }

  async save(event) {
    event.preventDefault();
    this.summary.clear();
    try {
      await this.context.api.put(this.path(), this.body());
      this.context.banner.success("Template saved. New invitations use it.");
      await this.load();
    } catch (error) {
      this.showErrors(error);
    }
  }

  async restore(opener) {
    const confirmed = await confirmDialog(this.context.dialogs, {
      title: "Restore the default template?",
      body: "This store's own template for this channel and language is deleted; new invitations use the default.",
      confirmText: "Restore default",
      opener,
    });
    if (!confirmed) return;
    try {
      await this.context.api.delete(this.path());
      this.context.banner.success("The default template is in use again.");
    } catch (error) {
      if (error.status === 404) this.context.banner.success("This store already uses the default template.");
      else this.context.banner.error(`The template was not restored: ${problemText(error)}`);
    }
    await this.load();
  }
}

function labelOf(name) {
  return { subject: "Subject", html: "HTML part", text: "Text part" }[name] ?? name;
}
