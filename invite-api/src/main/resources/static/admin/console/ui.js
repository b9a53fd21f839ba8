// GOV.UK Design System patterns, as plain DOM: form fields with their errors, the error summary, the
// notification banner, the confirmation dialog and the row actions menu.
import { h, replace, uid } from "./dom.js";

/**
 * A labelled form field. kind: "input" (default), "textarea", "select" (options: [{value, text}]),
 * "radios" / "checkboxes" (options: [{value, text}], value: the checked value(s)).
 * Returns {name, group, input (the element to focus), read(), write(value)}.
 */
export function field({ name, label, hint, kind = "input", type = "text", value, options = [], attrs = {}, width }) {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const error = h("p", { class: "error-message", id: errorId, hidden: true });
  const describedBy = [hintId].filter(Boolean).join(" ") || null;
  let input;
  let read;
  let write;
  let group;

  if (kind === "radios" || kind === "checkboxes") {
    const inputType = kind === "radios" ? "radio" : "checkbox";
    const choices = options.map((option, index) => {
      const choiceId = index === 0 ? id : `${id}-${index}`;
      return h(
        "div",
        { class: "choice" },
        h("input", { type: inputType, id: choiceId, name: id, value: option.value, class: "choice__input" }),
        h("label", { for: choiceId, class: "choice__label" }, option.text),
      );
    });
    const inputs = () => choices.map((choice) => choice.querySelector("input"));
    input = inputs()[0];
    read = () => {
      const checked = inputs().filter((i) => i.checked).map((i) => i.value);
      return kind === "radios" ? (checked[0] ?? null) : checked;
    };
    write = (next) => {
      const wanted = new Set(Array.isArray(next) ? next : [next]);
      for (const i of inputs()) i.checked = wanted.has(i.value);
    };
    group = h(
      "div",
      { class: "form-group", "data-field": name },
      h(
        "fieldset",
        { class: "fieldset", "aria-describedby": describedBy },
        h("legend", { class: "fieldset__legend" }, label),
        hint ? h("div", { class: "hint", id: hintId }, hint) : null,
        error,
        h("div", { class: kind === "radios" ? "radios" : "checkboxes" }, choices),
      ),
    );
    group.markInvalid = (invalid) => {
      for (const i of inputs()) i.toggleAttribute("aria-invalid", invalid);
    };
  } else {
    const common = { id, name, "aria-describedby": describedBy, ...attrs };
    if (kind === "textarea") {
      input = h("textarea", { class: "textarea", rows: 5, ...common });
    } else if (kind === "select") {
      input = h("select", { class: "select", ...common }, options.map((o) => h("option", { value: o.value }, o.text)));
    } else {
      input = h("input", { class: `input${width ? ` input--width-${width}` : ""}`, type, ...common });
    }
    read = () => (type === "checkbox" ? input.checked : input.value);
    write = (next) => {
      if (type === "checkbox") input.checked = Boolean(next);
      else input.value = next ?? "";
    };
    group = h(
      "div",
      { class: "form-group", "data-field": name },
      h("label", { class: "label", for: id }, label),
      hint ? h("div", { class: "hint", id: hintId }, hint) : null,
      error,
      input,
    );
    group.markInvalid = (invalid) => input.toggleAttribute("aria-invalid", invalid);
  }
  if (value !== undefined) write(value);

  const described = group.querySelector("[aria-describedby], fieldset") ?? input;
  return {
    name,
    label,
    group,
    input,
    read,
    write,
    showError(message) {
      group.classList.add("form-group--error");
      replace(error, h("span", { class: "visually-hidden" }, "Error: "), message);
      error.hidden = false;
      described.setAttribute("aria-describedby", [hintId, errorId].filter(Boolean).join(" "));
      group.markInvalid(true);
    },
    clearError() {
      group.classList.remove("form-group--error");
      error.hidden = true;
      error.replaceChildren();
      if (describedBy) described.setAttribute("aria-describedby", describedBy);
      else described.removeAttribute("aria-describedby");
      group.markInvalid(false);
    },
  };
}

/**
 * The error summary at the top of a form: "There is a problem" and one link per error, which moves focus to
 * the field. show([{field, message}]) also marks each field; clear() removes everything.
 */
export class ErrorSummary {
  constructor(fields) {
    this.fields = new Map(fields.map((f) => [f.name, f]));
    this.titleId = uid("error-summary-title");
    this.element = h("div", {
      class: "error-summary",
      hidden: true,
      tabindex: "-1",
      role: "alert",
      "aria-labelledby": this.titleId,
    });
  }

  show(errors) {
    this.clear();
    const items = errors.map(({ field: name, message }) => {
      const target = this.fields.get(name);
      target?.showError(message);
      const link = target
        ? h(
            "a",
            {
              href: `#${target.input.id}`,
              onclick: (event) => {
                // Inside a shadow root a fragment link would move the host page; focus the field instead.
                event.preventDefault();
                target.input.focus();
                target.group.scrollIntoView({ block: "center" });
              },
            },
            message,
          )
        : message;
      return h("li", {}, link);
    });
    replace(
      this.element,
      h("h2", { class: "error-summary__title", id: this.titleId }, "There is a problem"),
      h("ul", { class: "error-summary__list" }, items),
    );
    this.element.hidden = false;
    this.element.focus();
  }

  clear() {
    this.element.hidden = true;
    this.element.replaceChildren();
    for (const f of this.fields.values()) f.clearError();
  }
}

/** The message area at the top of the console; announced politely to screen readers. */
export class Banner {
  constructor() {
    this.element = h("div", { class: "banner-region", role: "status", "aria-live": "polite" });
  }

  success(message, ...extra) {
    this.show("success", message, extra);
  }

  error(message, ...extra) {
    this.show("error", message, extra);
  }

  show(tone, message, extra) {
    replace(
      this.element,
      h(
        "div",
        { class: `banner banner--${tone}` },
        h("p", { class: "banner__heading" }, message),
        extra,
        h(
          "button",
          { type: "button", class: "link-button banner__close", onclick: () => this.clear() },
          "Dismiss",
          h("span", { class: "visually-hidden" }, " this message"),
        ),
      ),
    );
  }

  clear() {
    this.element.replaceChildren();
  }
}

/**
 * A modal confirmation (a native <dialog>: focus stays inside, Escape cancels). Resolves true when confirmed.
 * Focus returns to {@code opener} afterwards if it is still on the page, else to {@code fallback}.
 */
export function confirmDialog(container, { title, body, confirmText, opener, fallback, tone = "warning" }) {
  return new Promise((resolve) => {
    const titleId = uid("dialog-title");
    let confirmed = false;
    const cancel = h("button", { type: "button", class: "button button--secondary", onclick: () => dialog.close() }, "Cancel");
    const confirm = h(
      "button",
      {
        type: "button",
        class: `button button--${tone}`,
        onclick: () => {
          confirmed = true;
          dialog.close();
        },
      },
      confirmText,
    );
    const dialog = h(
      "dialog",
      { class: "dialog", "aria-labelledby": titleId },
      h("h2", { class: "dialog__title", id: titleId }, title),
      h("p", { class: "body" }, body),
      h("div", { class: "button-group" }, confirm, cancel),
    );
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(confirmed);
      // Let the caller act (e.g. remove the row) before choosing where focus goes.
      queueMicrotask(() => {
        const target = opener?.isConnected ? opener : fallback;
        target?.focus();
      });
    });
    container.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

/**
 * The "⋯" row menu (menu button pattern): Enter, Space or Down opens it on the first item, Up on the last;
 * arrows, Home and End move; Escape closes it and returns focus to the button; Tab closes it.
 */
export function actionMenu({ label, items }) {
  const menuId = uid("menu");
  const button = h(
    "button",
    {
      type: "button",
      class: "menu-button",
      "aria-haspopup": "menu",
      "aria-expanded": "false",
      "aria-controls": menuId,
      "aria-label": label,
    },
    h("span", { "aria-hidden": "true" }, "⋯"),
  );
  const entries = items.map((item) =>
    h(
      "li",
      { role: "none" },
      h(
        "button",
        {
          type: "button",
          role: "menuitem",
          tabindex: "-1",
          class: `menu__item${item.tone ? ` menu__item--${item.tone}` : ""}`,
          onclick: () => {
            close(false);
            item.onSelect(button);
          },
        },
        item.text,
      ),
    ),
  );
  const menu = h("ul", { class: "menu", role: "menu", id: menuId, "aria-label": label, hidden: true }, entries);
  const wrapper = h("div", { class: "menu-wrapper" }, button, menu);
  const menuItems = () => Array.from(menu.querySelectorAll("[role=menuitem]"));

  const outside = (event) => {
    if (!event.composedPath().includes(wrapper)) close(false);
  };
  function open(focusLast) {
    menu.hidden = false;
    button.setAttribute("aria-expanded", "true");
    const list = menuItems();
    (focusLast ? list[list.length - 1] : list[0])?.focus();
    document.addEventListener("pointerdown", outside, true);
  }
  function close(returnFocus) {
    if (menu.hidden) return;
    menu.hidden = true;
    button.setAttribute("aria-expanded", "false");
    document.removeEventListener("pointerdown", outside, true);
    if (returnFocus) button.focus();
  }

  button.addEventListener("click", () => (menu.hidden ? open(false) : close(true)));
  button.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      open(event.key === "ArrowUp");
    }
  });
  menu.addEventListener("keydown", (event) => {
    const list = menuItems();
    const index = list.indexOf(event.composedPath()[0]);
    const move = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: list.length - 1 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      list[(move + list.length) % list.length].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") {
      close(false);
    }
  });
  wrapper.close = () => close(false);
  return wrapper;
}

/** A short message for an API error the user can act on. */
export function problemText(error) {
  if (error.status === 0) return error.message;
  if (error.status === 403) return "Your sign-in does not allow this for this store.";
  if (error.status === 503) return "The invite service is busy or unavailable. Nothing was changed; try again shortly.";
  return error.message || "Something went wrong. Try again.";
}
