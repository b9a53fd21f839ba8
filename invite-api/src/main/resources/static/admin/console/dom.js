// Builds DOM nodes. Text always goes in as text nodes, never as HTML, so nothing from the API can inject markup.

/**
 * h("button", {type: "button", class: "button", onclick: fn}, "Send invite")
 * Props: "class", "on<event>" listeners, DOM properties that are not attributes (value, checked, hidden,
 * disabled, selected, indeterminate), everything else as attributes (true -> present, false/null -> absent).
 */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "class") {
      element.className = value;
    } else if (PROPERTIES.has(name)) {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(element, children);
  return element;
}

const PROPERTIES = new Set(["value", "checked", "hidden", "disabled", "selected", "indeterminate"]);

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces the children of {@code parent}. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

let counter = 0;

/** An id unique within the page, for label/aria references. */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}
