// Operations (ops scopes only): delivery health at a glance, the dead letters and their replay.
import { h, replace, uid } from "./dom.js";
import { formatDateTime, fromNow } from "./format.js";
import { problemText } from "./ui.js";

const WINDOW_MS = 15 * 60 * 1000;

export class OpsView {
  constructor(context) {
    this.context = context;
    this.summary = h("dl", { class: "summary-cards" });
    this.body = h("tbody", { class: "table__body" });
    this.empty = h("p", { class: "body empty", hidden: true }, "No dead letters: every delivery finished or is still being retried.");
    this.selectAll = h("input", { type: "checkbox", class: "checkbox", id: uid("select-all"), onchange: () => this.toggleAll() });
    this.replaySelected = h("button", { type: "button", class: "button", onclick: () => this.replay(this.selected()) }, "Replay selected");
    const titleId = uid("ops-title");
    this.table = h(
      "table",
      { class: "table table--responsive" },
      h("caption", { class: "visually-hidden" }, "Dead letters, oldest first"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, h("label", { for: this.selectAll.id, class: "visually-hidden" }, "Select all"), this.selectAll),
          ["When", "Invite", "Reason", "Attempts"].map((t) => h("th", { scope: "col" }, t)),
          h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")),
        ),
      ),
      this.body,
    );
    this.element = h(
      "section",
      { class: "view", "aria-labelledby": titleId },
      h("h2", { class: "heading-l", id: titleId }, "Operations"),
      h("h3", { class: "heading-m" }, "Delivery health"),
      this.summary,
      h("div", { class: "heading-row" }, h("h3", { class: "heading-m" }, "Dead letters"), h("div", { class: "button-group" }, this.replaySelected)),
      h("div", { class: "table-wrapper" }, this.table),
      this.empty,
    );
    this.letters = [];
  }

  async start() {
    const { api, banner } = this.context;
    try {
      const [topics, letters] = await Promise.all([api.get("/api/v1/ops/topics"), api.get("/api/v1/ops/dead-letters?limit=500")]);
      this.letters = letters.items;
      this.renderSummary(topics.topics, letters.items);
      this.renderLetters();
    } catch (error) {
      banner.error(`Operations data could not be loaded: ${problemText(error)}`);
    }
  }

  stop() {}

  renderSummary(topics, letters) {
    const since = Date.now() - WINDOW_MS;
    const recent = letters.filter((l) => new Date(l.timestamp).getTime() >= since).length;
    const lag = topics
      .flatMap((topic) => topic.consumerGroups.map((group) => ({ topic: topic.name, ...group })))
      .filter((group) => group.lag > 0);
    const card = (term, value, detail) =>
      h("div", { class: "summary-card" }, h("dt", {}, term), h("dd", {}, h("span", { class: "summary-card__value" }, String(value)), detail ? h("span", { class: "secondary" }, detail) : null));
    replace(
      this.summary,
      card("Dead letters, last 15 minutes", recent, `${letters.length} in all`),
      card(
        "Consumer lag",
        lag.reduce((n, g) => n + g.lag, 0),
        lag.length ? lag.map((g) => `${g.groupId} on ${g.topic}: ${g.lag}`).join("; ") : "every consumer is up to date",
      ),
    );
  }

  renderLetters() {
    this.body.replaceChildren(
      ...this.letters.map((letter) => {
        const box = h("input", { type: "checkbox", class: "checkbox", id: uid("letter"), value: letter.id, disabled: !letter.replayable });
        return h(
          "tr",
          {},
          h("td", {}, h("label", { for: box.id, class: "visually-hidden" }, `Select dead letter ${letter.id}`), box),
          h("td", { "data-label": "When", title: formatDateTime(letter.timestamp) }, fromNow(letter.timestamp)),
          h("td", { "data-label": "Invite" }, letter.inviteId ?? "(unreadable record)"),
          h("td", { "data-label": "Reason" }, letter.exceptionMessage ?? letter.reason ?? letter.exceptionClass ?? ""),
          h("td", { "data-label": "Attempts" }, letter.attempts ?? ""),
          h(
            "td",
            { class: "table__actions" },
            letter.replayable
              ? h("button", { type: "button", class: "button button--secondary button--small", onclick: () => this.replay([letter.id]) }, "Replay", h("span", { class: "visually-hidden" }, ` dead letter ${letter.id}`))
              : h("span", { class: "secondary" }, "Not replayable"),
          ),
        );
      }),
    );
    this.empty.hidden = this.letters.length > 0;
    this.table.hidden = this.letters.length === 0;
    this.replaySelected.hidden = this.letters.length === 0;
  }

  selected() {
    return Array.from(this.body.querySelectorAll("input[type=checkbox]:checked")).map((box) => box.value);
  }

  toggleAll() {
    for (const box of this.body.querySelectorAll("input[type=checkbox]:not(:disabled)")) box.checked = this.selectAll.checked;
  }

  async replay(ids) {
    const { api, banner } = this.context;
    if (ids.length === 0) {
      banner.error("Select the dead letters to replay first.");
      return;
    }
    const outcomes = { REPLAYED: 0, ALREADY_REPLAYED: 0 };
    const refused = [];
    for (const id of ids) {
      try {
        const result = await api.post(`/api/v1/ops/dead-letters/${encodeURIComponent(id)}/replay`);
        outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
      } catch (error) {
        refused.push(`${id}: ${problemText(error)}`);
      }
    }
    const text = `Replayed ${outcomes.REPLAYED}, already replayed ${outcomes.ALREADY_REPLAYED}.`;
    if (refused.length) banner.error(`${text} Not replayed: ${refused.join("; ")}`);
    else banner.success(text);
    await this.start();
  }
}
