// The console's styles, in the manner of the GOV.UK Design System, as one constructed style sheet.
// Hosts can adjust them through the custom properties on :host.
export const styles = new CSSStyleSheet();

styles.replaceSync(`
:host, .invites-page {
  --invites-font: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  --invites-text: #0b0c0c;
  --invites-secondary: #505a5f;
  --invites-border: #b1b4b6;
  --invites-input-border: #0b0c0c;
  --invites-focus: #ffdd00;
  --invites-link: #1d70b8;
  --invites-button: #00703c;
  --invites-error: #d4351c;
  --invites-success: #00703c;
  --invites-background: #ffffff;
  --invites-panel: #f3f2f1;
  display: block;
  font-family: var(--invites-font);
  color: var(--invites-text);
  font-size: 1rem;
  line-height: 1.4;
  min-width: 0;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.visually-hidden {
  position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important;
  padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; white-space: nowrap !important; border: 0 !important;
}
.body { margin: 0 0 1rem; }
.secondary { color: var(--invites-secondary); display: block; font-size: .875rem; }
.heading-l { font-size: 1.75rem; margin: 0 0 1rem; line-height: 1.2; }
.heading-m { font-size: 1.375rem; margin: 0 0 .75rem; line-height: 1.25; }
.heading-s { font-size: 1.125rem; margin: 1rem 0 .5rem; }
.heading-m:focus, .heading-l:focus { outline: 3px solid var(--invites-focus); }
.section { margin-bottom: 2.5rem; }
.view { margin-top: 1.5rem; }

.console__header { display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: flex-end; border-bottom: 1px solid var(--invites-border); }
.console__store { margin: 0 0 .5rem; }
.console__store.form-group { margin-bottom: .5rem; }
.tabs__list { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; }
.tabs__tab {
  font: inherit; background: none; border: 0; border-bottom: 4px solid transparent; padding: .5rem .75rem;
  color: var(--invites-link); cursor: pointer; text-decoration: underline; text-underline-offset: .15em;
}
.tabs__tab[aria-current="page"] { color: var(--invites-text); border-bottom-color: var(--invites-link); text-decoration: none; font-weight: 700; }

.heading-row { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: .5rem 1rem; }
.heading-row__actions { margin: 0; }

/* Buttons */
.button-group { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: center; margin-bottom: 1.5rem; }
.button {
  font: inherit; font-weight: 400; line-height: 1.2; padding: .5rem .75rem .4rem; border: 2px solid transparent; border-radius: 0;
  color: #fff; background: var(--invites-button); box-shadow: 0 2px 0 #002d18; cursor: pointer; min-height: 2.5rem;
}
.button:hover { filter: brightness(.9); }
.button:disabled { opacity: .5; cursor: not-allowed; }
.button--secondary { color: var(--invites-text); background: #f3f2f1; box-shadow: 0 2px 0 #929191; }
.button--warning { background: var(--invites-error); box-shadow: 0 2px 0 #55150b; }
.button--small { min-height: 0; padding: .25rem .5rem; font-size: .875rem; }
.link-button { font: inherit; background: none; border: 0; padding: 0; color: var(--invites-link); text-decoration: underline; cursor: pointer; }
:is(.button, .link-button, .tabs__tab, .menu-button, .menu__item, a, .has-tip):focus-visible,
:is(.button, .link-button, .tabs__tab, .menu-button, .menu__item, a, .has-tip):focus {
  outline: 3px solid transparent; background-color: var(--invites-focus); color: var(--invites-text);
  box-shadow: 0 -2px var(--invites-focus), 0 4px var(--invites-text); text-decoration: none;
}

/* Forms */
.form-group { margin-bottom: 1.25rem; }
.form-group--error { border-left: 5px solid var(--invites-error); padding-left: .75rem; }
.label, .fieldset__legend { display: block; font-weight: 700; margin-bottom: .25rem; }
.fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
.fieldset__legend { padding: 0; }
.hint { color: var(--invites-secondary); margin-bottom: .4rem; }
.error-message { color: var(--invites-error); font-weight: 700; margin: 0 0 .4rem; }
.input, .select, .textarea {
  font: inherit; width: 100%; max-width: 30rem; padding: .35rem .4rem; border: 2px solid var(--invites-input-border);
  border-radius: 0; background: var(--invites-background); color: var(--invites-text);
}
.select { width: auto; max-width: 100%; }
.textarea--code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .875rem; max-width: 100%; }
.input--width-3 { max-width: 5rem; }
.input--width-20 { max-width: 22rem; }
.input[aria-invalid], .textarea[aria-invalid], .select[aria-invalid] { border-color: var(--invites-error); }
.input:focus, .select:focus, .textarea:focus, .choice__input:focus-visible + .choice__label::before {
  outline: 3px solid var(--invites-focus); outline-offset: 0; box-shadow: inset 0 0 0 2px;
}
.choice { display: flex; align-items: center; gap: .5rem; margin-bottom: .5rem; }
.choice__input, .checkbox { width: 1.5rem; height: 1.5rem; margin: 0; accent-color: var(--invites-text); flex: none; }
.choice__label { cursor: pointer; }
.radios, .checkboxes { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
.filters { display: flex; flex-wrap: wrap; gap: 0 1.5rem; align-items: flex-end; }
.invite-panel { background: var(--invites-panel); padding: 1rem 1rem .25rem; margin-bottom: 2rem; }

.error-summary { border: 5px solid var(--invites-error); padding: 1rem; margin-bottom: 1.5rem; background: var(--invites-background); }
.error-summary:focus { outline: 3px solid var(--invites-focus); }
.error-summary__title { font-size: 1.25rem; margin: 0 0 .75rem; }
.error-summary__list { margin: 0; padding-left: 0; list-style: none; }
.error-summary__list li { margin-bottom: .35rem; }
.error-summary__list a { color: var(--invites-error); font-weight: 700; }

/* Messages */
.banner-region:empty { display: none; }
.banner { border: 5px solid var(--invites-link); padding: .75rem 1rem; margin: 1rem 0; background: var(--invites-background); overflow-wrap: anywhere; }
.banner--success { border-color: var(--invites-success); }
.banner--error { border-color: var(--invites-error); }
.banner__heading { font-weight: 700; margin: 0 0 .5rem; }
.banner .form-group { margin: .5rem 0; }

/* Tables */
.table-wrapper { max-width: 100%; }
.table { width: 100%; border-collapse: collapse; margin-bottom: 1rem; }
.table th, .table td { text-align: left; vertical-align: top; padding: .6rem 1rem .6rem 0; border-bottom: 1px solid var(--invites-border); }
.table th { font-weight: 700; }
.table__actions { text-align: right; width: 1%; white-space: nowrap; padding-right: 0 !important; }
.contact { overflow-wrap: anywhere; }
.empty { color: var(--invites-secondary); }
.pagination { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
.pagination__label { color: var(--invites-secondary); }

/* Tags: the delivery state per channel */
.deliveries { list-style: none; margin: 0; padding: 0; display: grid; gap: .3rem; }
.tag { display: inline-block; padding: .1rem .4rem; font-size: .875rem; font-weight: 700; background: #e8f1f8; color: #0c2d4a; }
.tag--grey { background: #eeefef; color: #383f43; }
.tag--blue { background: #d2e2f1; color: #0c2d4a; }
.tag--green { background: #cce2d8; color: #005a30; }
.tag--yellow { background: #fff7bf; color: #594d00; }
.tag--red { background: #f4cdc6; color: #2a0b06; }
.has-tip { cursor: help; text-decoration: underline dotted; }
.tip-anchor { position: relative; }
.tip {
  display: none; position: absolute; z-index: 5; top: 100%; left: 0; margin-top: .25rem; width: max-content; max-width: min(22rem, 80vw);
  padding: .5rem .75rem; background: var(--invites-text); color: #fff; font-size: .875rem; overflow-wrap: anywhere;
}
.has-tip:hover + .tip, .has-tip:focus + .tip { display: block; }

/* The ⋯ menu */
.menu-wrapper { position: relative; display: inline-block; }
.menu-button {
  font: inherit; font-size: 1.25rem; line-height: 1; min-width: 2.75rem; min-height: 2.75rem; padding: 0 .5rem;
  background: #f3f2f1; border: 2px solid transparent; box-shadow: 0 2px 0 #929191; cursor: pointer; color: var(--invites-text);
}
.menu {
  position: absolute; right: 0; top: calc(100% + .35rem); z-index: 10; list-style: none; margin: 0; padding: .25rem 0;
  min-width: 12rem; background: var(--invites-background); border: 2px solid var(--invites-text); box-shadow: 0 4px 8px rgba(0,0,0,.2);
}
.menu__item { font: inherit; display: block; width: 100%; text-align: left; padding: .6rem 1rem; background: none; border: 0; cursor: pointer; color: var(--invites-text); }
.menu__item:hover { background: #f3f2f1; }
.menu__item--warning { color: var(--invites-error); }

/* The confirmation dialog */
.dialog { border: 5px solid var(--invites-text); padding: 1.5rem; max-width: min(32rem, calc(100vw - 2rem)); color: var(--invites-text); }
.dialog::backdrop { background: rgba(11, 12, 12, .6); }
.dialog__title { font-size: 1.375rem; margin: 0 0 1rem; overflow-wrap: anywhere; }
.dialog .button-group { margin-bottom: 0; }

/* Templates and operations */
.source { color: var(--invites-secondary); }
.preview__frame { width: 100%; min-height: 20rem; border: 1px solid var(--invites-border); background: #fff; }
.preview__text { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--invites-panel); padding: .75rem; font-size: .875rem; }
.summary-cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; margin: 0 0 2rem; }
.summary-card { background: var(--invites-panel); padding: 1rem; }
.summary-card dt { font-weight: 700; }
.summary-card dd { margin: .25rem 0 0; }
.summary-card__value { font-size: 2rem; font-weight: 700; display: block; }

/* Narrow screens (phones, 360 px): tables become one card per row, labels from data-label. */
@media (max-width: 40rem) {
  .table--responsive thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .table--responsive, .table--responsive tbody, .table--responsive tr, .table--responsive td { display: block; width: 100%; }
  .table--responsive tr { border-bottom: 2px solid var(--invites-border); padding: .5rem 0; position: relative; }
  .table--responsive td { border: 0; padding: .2rem 0; }
  .table--responsive td[data-label]::before { content: attr(data-label); display: block; font-weight: 700; font-size: .875rem; color: var(--invites-secondary); }
  .table--responsive td.table__actions { position: absolute; top: .5rem; right: 0; width: auto; }
  .table--responsive td:first-child { padding-right: 3.5rem; }
  .heading-l { font-size: 1.5rem; }
}
`);
