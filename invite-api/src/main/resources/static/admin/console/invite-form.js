// Settings -> Users -> Invite: the form, its checks and the API's answers beside each field.
import { h } from "./dom.js";
import { formatDateTime } from "./format.js";
import { ErrorSummary, field, problemText } from "./ui.js";

const LABELS = {
  email: "Email address",
  phone: "Phone number",
  role: "Role",
  message: "Personal note (optional)",
  expiresInDays: "Expires after",
  locale: "Language",
};

/** The API's reasons, in words a person can act on; anything else reads "<label> <reason>". */
function messageFor(name, reason, problem) {
  if (name === "email" && problem?.existingInviteCreatedAt) {
    return (
      `This email address was already invited on ${formatDateTime(problem.existingInviteCreatedAt)} and that ` +
      "invite is still open. Resend or delete it in Pending invites instead."
    );
  }
  if (name === "email" && /single email address|must not be blank/.test(reason)) {
    return "Enter an email address in the correct format, like name@example.com";
  }
  if (name === "phone" && /required/.test(reason)) {
    return "Enter a phone number: this store sends invites by SMS";
  }
  if (name === "phone") {
    return "Enter a phone number in international format, like +44 7700 900982";
  }
  if (name === "role") return "Select a role";
  if (name === "expiresInDays") return "Choose an expiry between 1 and 30 days";
  const label = (LABELS[name] ?? name).replace(" (optional)", "");
  return `${label} ${reason}`;
}

export class InviteForm {
  /**
   * @param context {api, storeId, settings, roles, banner}
   * @param onSent called with the created invite
   * @param onCancel called when the admin closes the form
   */
  constructor(context, onSent, onCancel) {
    this.context = context;
    this.onSent = onSent;
    const { settings, roles } = context;
    const sms = settings.channels.includes("SMS");
    const smsOnly = sms && !settings.channels.includes("EMAIL");

    this.email = field({
      name: "email",
      label: LABELS.email,
      type: "email",
      attrs: { autocomplete: "off", spellcheck: "false", maxlength: "254" },
    });
    this.phone = sms
      ? field({
          name: "phone",
          label: smsOnly ? LABELS.phone : `${LABELS.phone} (optional)`,
          hint: "In international format, like +44 7700 900982. The invite is also sent by SMS.",
          type: "tel",
          attrs: { autocomplete: "off", maxlength: "32" },
          width: 20,
        })
      : null;
    this.role = field({
      name: "role",
      label: LABELS.role,
      kind: "radios",
      options: roles.map((role) => ({ value: role.id, text: role.name ?? role.id })),
      value: roles.length === 1 ? roles[0].id : undefined,
    });
    this.message = field({
      name: "message",
      label: LABELS.message,
      hint: "Shown in the invitation, below your name.",
      kind: "textarea",
      attrs: { maxlength: "1000", rows: "3" },
    });
    const days = Array.from({ length: 30 }, (_, i) => i + 1);
    this.expiry = field({
      name: "expiresInDays",
      label: LABELS.expiresInDays,
      hint: "After this the link stops working. Resending starts the period again.",
      kind: "select",
      options: days.map((d) => ({ value: String(d), text: d === 1 ? "1 day" : `${d} days` })),
      value: String(settings.inviteTtlDays ?? 7),
    });
    this.fields = [this.email, this.phone, this.role, this.message, this.expiry].filter(Boolean);
    this.summary = new ErrorSummary(this.fields);
    this.submit = h("button", { type: "submit", class: "button" }, "Send invite");

    this.titleId = `${this.email.input.id}-title`;
    this.element = h(
      "form",
      { class: "invite-form", novalidate: true, "aria-labelledby": this.titleId, onsubmit: (e) => this.send(e) },
      h("h2", { class: "heading-m", id: this.titleId }, "Invite a user"),
      this.summary.element,
      this.fields.map((f) => f.group),
      h(
        "div",
        { class: "button-group" },
        this.submit,
        h("button", { type: "button", class: "button button--secondary", onclick: () => onCancel() }, "Cancel"),
      ),
    );
  }

  focus() {
    this.email.input.focus();
  }

  reset() {
    this.summary.clear();
    this.email.write("");
    this.phone?.write("");
    this.message.write("");
  }

  /** What the browser can tell before asking the API: empty required fields. */
  missing() {
    const errors = [];
    if (!this.email.read().trim()) errors.push({ field: "email", message: "Enter an email address" });
    const { settings } = this.context;
    const smsOnly = settings.channels.includes("SMS") && !settings.channels.includes("EMAIL");
    if (smsOnly && !this.phone.read().trim()) {
      errors.push({ field: "phone", message: "Enter a phone number: this store sends invites by SMS" });
    }
    if (!this.role.read()) errors.push({ field: "role", message: "Select a role" });
    return errors;
  }

  async send(event) {
    event.preventDefault();
    if (this.submit.disabled) return;
    const missing = this.missing();
    if (missing.length > 0) {
      this.summary.show(missing);
      return;
    }
    const body = {
      email: this.email.read().trim(),
      role: this.role.read(),
      expiresInDays: Number(this.expiry.read()),
    };
    if (this.phone && this.phone.read().trim()) body.phone = this.phone.read().trim();
    if (this.message.read().trim()) body.message = this.message.read();
    this.submit.disabled = true;
    try {
      const { api, storeId } = this.context;
      const invite = await api.post(`${api.store(storeId)}/invites`, body);
      this.reset();
      this.onSent(invite);
    } catch (error) {
      this.showProblem(error);
    } finally {
      this.submit.disabled = false;
    }
  }

  showProblem(error) {
    const known = new Set(this.fields.map((f) => f.name));
    const errors = error.fieldErrors
      .map((e) => ({ field: e.field, message: messageFor(e.field, e.reason, error.problem) }))
      .map((e) => (known.has(e.field) ? e : { field: null, message: e.message }));
    if (error.status === 409 && errors.length === 0) {
      errors.push({ field: "email", message: messageFor("email", "", error.problem) });
    }
    this.summary.show(errors.length > 0 ? errors : [{ field: null, message: problemText(error) }]);
  }
}
