// The pipeline: opportunities as a board with one column per stage (docs/api.md §5). A card
// moves by drag and drop or by its "Move to…" menu; both call PATCH /opportunities/:id/stage.

import {api, can, nextPage} from "./api.js";
import {day, failure, fill, formDialog, h, loading, money, toast} from "./ui.js";

const STAGES = [["new", "New"], ["contacted", "Contacted"], ["qualified", "Qualified"], ["proposal", "Proposal"],
  ["negotiation", "Negotiation"], ["won", "Won"], ["lost", "Lost"]];
const TITLES = Object.fromEntries(STAGES);
const PER_COLUMN = 25;

export function renderBoard(main, {self}) {
  new Board(main, can(self, "opportunities:write")).load();
}

class Board {
  constructor(main, writable) {
    this.writable = writable;
    this.columns = new Map();
    this.dragging = null;
    this.root = h("div", {class: "board-area", id: "board"});
    this.summary = h("p", {class: "page-sub", "aria-live": "polite"});
    fill(main, h("section", {class: "page page-wide"},
      h("div", {class: "page-head"},
        h("div", {}, h("h1", {}, "Pipeline"), this.summary),
        h("div", {class: "page-actions"}, writable
          ? h("button", {class: "btn primary", type: "button", id: "new-deal", onclick: () => this.create()},
            h("span", {"aria-hidden": "true"}, "+ "), "New deal") : null)),
      writable ? h("p", {class: "hint board-hint"}, "Drag a card to another stage, or use its “Move to…” menu.") : null,
      this.root));
  }

  async load() {
    this.root.dataset.state = "loading";
    fill(this.root, loading("Loading the pipeline…"));
    try {
      const answers = await Promise.all(STAGES.map(([stage]) => api.opportunities.list(
        {status: stage, limit: PER_COLUMN, sort_by: "updated_at", sort_order: "desc"})));
      this.columns.clear();
      const board = h("div", {class: "board"});
      STAGES.forEach(([stage, title], i) => board.append(this.column(stage, title, answers[i])));
      fill(this.root, board);
      this.root.dataset.state = "ready";
      this.summarize();
    } catch (error) {
      if (error.status !== 401) {
        this.root.dataset.state = "error";
        fill(this.root, failure(error, () => this.load()));
      }
    }
  }

  column(stage, title, {opportunities, pagination}) {
    const column = {stage, total: pagination.total ?? opportunities.length, next: nextPage(pagination),
      list: h("ul", {class: "cards", "aria-labelledby": `column-${stage}`}),
      count: h("span", {class: "count"}), sum: h("p", {class: "column-sum"}), more: h("div", {class: "more"})};
    this.columns.set(stage, column);
    opportunities.forEach((o) => column.list.append(this.card(o)));
    const section = h("section", {class: `column stage-${stage}`, "data-stage": stage},
      h("header", {class: "column-head"}, h("h2", {id: `column-${stage}`}, title), column.count),
      column.sum, column.list, column.more);
    if (this.writable) {
      this.dropTarget(section, stage);
    }
    this.refresh(column);
    return section;
  }

  dropTarget(section, stage) {
    section.addEventListener("dragover", (event) => {
      if (this.dragging) {
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
        section.classList.add("drop-here");
      }
    });
    section.addEventListener("dragleave", (event) => {
      if (!section.contains(event.relatedTarget)) {
        section.classList.remove("drop-here");
      }
    });
    section.addEventListener("drop", (event) => {
      event.preventDefault();
      section.classList.remove("drop-here");
      const id = event.dataTransfer.getData("text/plain") || this.dragging;
      this.move(id, stage, false);
    });
  }

  card(o) {
    const card = h("li", {class: "card", "data-id": o.id, "data-status": o.status, tabindex: "-1",
      draggable: this.writable},
      h("h3", {class: "card-title"}, o.name),
      o.company ? h("p", {class: "card-company"}, o.company) : null,
      h("div", {class: "card-meta"},
        o.deal_value === null ? h("span", {class: "muted"}, "No value")
          : h("span", {class: "card-value"}, money(o.deal_value, o.deal_currency)),
        o.status === "won" ? h("span", {class: "badge badge-won"}, `Won ${day(o.won_at)}`) : null,
        o.status === "lost" ? h("span", {class: "badge badge-lost"}, `Lost ${day(o.lost_at)}`) : null),
      this.writable ? this.moveMenu(o) : null);
    card.opportunity = o;
    card.addEventListener("dragstart", (event) => {
      event.dataTransfer.setData("text/plain", o.id);
      event.dataTransfer.effectAllowed = "move";
      this.dragging = o.id;
      card.classList.add("dragging");
    });
    card.addEventListener("dragend", () => {
      this.dragging = null;
      card.classList.remove("dragging");
    });
    return card;
  }

  /** A disclosure of one button per other stage: reachable and usable with the keyboard alone. */
  moveMenu(o) {
    const summary = h("summary", {class: "move-summary"}, "Move to…",
      h("span", {class: "visually-hidden"}, ` (${o.name})`));
    const menu = h("details", {class: "move"}, summary,
      h("div", {class: "move-menu"}, STAGES.filter(([stage]) => stage !== o.status).map(([stage, title]) =>
        h("button", {type: "button", class: `move-option dot-${stage}`, "data-stage": stage, onclick: () => {
          menu.open = false;
          this.move(o.id, stage, true);
        }}, title))));
    menu.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        summary.focus();
      }
    });
    menu.addEventListener("toggle", () => {
      if (menu.open) {
        this.root.querySelectorAll("details.move[open]").forEach((other) => {
          other.open = other === menu;
        });
      }
    });
    return menu;
  }

  /** Moves the card at once, then asks the server; puts it back if the server refuses. */
  async move(id, stage, keyboard) {
    const card = this.root.querySelector(`.card[data-id="${CSS.escape(id)}"]`);
    const from = card && this.columns.get(card.opportunity.status);
    const to = this.columns.get(stage);
    if (!card || !to || from === to || card.classList.contains("saving")) {
      return;
    }
    const place = card.nextSibling;
    to.list.prepend(card);
    from.total -= 1;
    to.total += 1;
    card.classList.add("saving");
    this.refresh(from, to);
    try {
      const moved = await api.opportunities.stage(id, stage);
      const fresh = this.card({...card.opportunity, ...moved});
      card.replaceWith(fresh);
      this.refresh(from, to);
      toast(`Moved ${moved.name} to ${TITLES[stage]}`);
      if (keyboard) {
        fresh.focus();
      }
    } catch (error) {
      from.list.insertBefore(card, place && place.parentNode === from.list ? place : null);
      card.classList.remove("saving");
      from.total += 1;
      to.total -= 1;
      this.refresh(from, to);
      if (error.status !== 401) {
        toast(`Could not move ${card.opportunity.name}: ${error.message}`, "error");
      }
    }
  }

  /** A column's count, the sum of its cards by currency, and its "Show more" button. */
  refresh(...columns) {
    for (const column of columns) {
      column.count.textContent = String(column.total);
      const sums = new Map();
      for (const card of column.list.children) {
        const o = card.opportunity;
        if (o.deal_value !== null) {
          sums.set(o.deal_currency, (sums.get(o.deal_currency) || 0) + o.deal_value);
        }
      }
      column.sum.textContent = [...sums].map(([currency, sum]) => money(sum, currency)).join(" · ");
      const left = column.total - column.list.children.length;
      fill(column.more, column.next && left > 0 ? h("button", {class: "btn btn-small btn-ghost", type: "button",
        onclick: () => this.more(column)}, `Show ${Math.min(left, PER_COLUMN)} more`) : null);
    }
    this.summarize();
  }

  summarize() {
    if (this.columns.size < STAGES.length) {
      return;
    }
    const total = (stage) => this.columns.get(stage).total;
    const open = STAGES.slice(0, 5).reduce((sum, [stage]) => sum + total(stage), 0);
    this.summary.textContent = `${open} open · ${total("won")} won · ${total("lost")} lost`;
  }

  async more(column) {
    const button = column.more.querySelector("button");
    button.disabled = true;
    button.textContent = "Loading…";
    try {
      const {opportunities, pagination} = await api.opportunities.list({status: column.stage, limit: PER_COLUMN,
        sort_by: "updated_at", sort_order: "desc", ...column.next});
      const shown = new Set([...column.list.children].map((card) => card.opportunity.id));
      opportunities.filter((o) => !shown.has(o.id)).forEach((o) => column.list.append(this.card(o)));
      column.next = nextPage(pagination);
      this.refresh(column);
    } catch (error) {
      this.refresh(column);
      if (error.status !== 401) {
        toast(`Could not load more: ${error.message}`, "error");
      }
    }
  }

  async create() {
    const currency = [...this.root.querySelectorAll(".card")].map((card) => card.opportunity.deal_currency)[0] || "BRL";
    const created = await formDialog({title: "New deal", prefix: "deal", submitLabel: "Create deal",
      fields: [
        {name: "name", label: "Name", required: true, wide: true},
        {name: "company", label: "Company"},
        {name: "email", label: "Email", inputmode: "email"},
        {name: "deal_value", label: "Value", inputmode: "decimal", placeholder: "1500.00"},
        {name: "deal_currency", label: "Currency", value: currency, hint: "ISO code: BRL, USD, EUR…"},
        {name: "status", label: "Stage", value: "new", options: STAGES},
        {name: "notes", label: "Notes", type: "textarea", wide: true},
      ],
      onSubmit: (values) => api.opportunities.create(dealBody(values))});
    if (created) {
      toast(`Added ${created.name} to ${TITLES[created.status]}`);
      this.load();
    }
  }
}

function dealBody(values) {
  const body = {name: values.name.trim(), status: values.status};
  for (const name of ["company", "email", "deal_currency", "notes"]) {
    if (values[name].trim()) {
      body[name] = name === "notes" ? values[name] : values[name].trim();
    }
  }
  const value = values.deal_value.trim();
  if (value) {
    // A number when it reads as one; otherwise sent as typed, so the server names the field.
    body.deal_value = /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  return body;
}
