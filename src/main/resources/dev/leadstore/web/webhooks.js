// Webhooks (docs/api.md §10.4): the key's endpoints; create one (its signing secret shown once,
// with a copy button), edit, enable or disable, rotate the secret, send a test ping, delete; and
// an endpoint's deliveries (status, attempts, the last answer) with a replay of the events after one.

import {api, can} from "./api.js";
import {confirm, day, failure, fill, formDialog, h, label, loading, toast} from "./ui.js";

const PATTERNS = ["*", "contact.*", "contact.created", "contact.updated", "contact.deleted", "opportunity.*",
  "opportunity.created", "opportunity.updated", "opportunity.stage_changed", "opportunity.deleted"];
const POLL_MILLIS = 1500;
const POLLS = 40;

// The endpoint whose deliveries were last looked at, kept while the tab is open.
let selected = null;

export function renderWebhooks(main, {self}) {
  new Webhooks(main, can(self, "webhooks:write")).load();
}

class Webhooks {
  constructor(main, writable) {
    this.writable = writable;
    this.list = h("div", {class: "list-area", id: "webhooks-area"});
    this.reveal = h("div", {id: "secret-slot", "aria-live": "polite"});
    this.deliveries = h("section", {class: "panel deliveries", id: "deliveries", "aria-live": "polite", hidden: true});
    this.count = h("p", {class: "page-sub"});
    this.poll = null;
    fill(main, h("section", {class: "page"},
      h("div", {class: "page-head"},
        h("div", {}, h("h1", {}, "Webhooks"), this.count),
        h("div", {class: "page-actions"}, writable
          ? h("button", {class: "btn primary", type: "button", id: "new-webhook", onclick: () => this.create()},
            h("span", {"aria-hidden": "true"}, "+ "), "New webhook") : null)),
      h("p", {class: "hint board-hint"}, "Leadstore POSTs each event to these URLs, signed with the endpoint's "
        + "secret (Standard Webhooks), and retries until the endpoint answers 2xx."),
      this.reveal,
      this.list,
      this.deliveries));
  }

  async load() {
    this.list.dataset.state = "loading";
    this.list.setAttribute("aria-busy", "true");
    if (!this.list.querySelector("table")) {
      fill(this.list, loading("Loading webhooks…"));
    }
    try {
      const {webhooks} = await api.webhooks.list();
      this.webhooks = webhooks;
      this.count.textContent = `${webhooks.length} ${webhooks.length === 1 ? "endpoint" : "endpoints"}`;
      fill(this.list, webhooks.length ? this.table(webhooks) : h("div", {class: "state"},
        h("p", {class: "state-title"}, "No webhooks yet"),
        h("p", {}, "Add an endpoint to hear about every change of contacts and deals as it happens."),
        this.writable ? h("button", {class: "btn primary", type: "button", onclick: () => this.create()},
          "Add your first webhook") : null));
      this.list.dataset.state = "ready";
      const current = webhooks.find((w) => w.id === selected);
      if (current) {
        this.showDeliveries(current);
      } else {
        this.deliveries.hidden = true;
      }
    } catch (error) {
      if (error.status !== 401) {
        this.list.dataset.state = "error";
        fill(this.list, failure(error, () => this.load()));
      }
    } finally {
      this.list.removeAttribute("aria-busy");
    }
  }

  table(webhooks) {
    return h("table", {class: "table webhooks-table"},
      h("caption", {class: "visually-hidden"}, "Webhooks"),
      h("thead", {}, h("tr", {}, ["Endpoint", "Events", "Status", "Created"].map((t) => h("th", {scope: "col"}, t)),
        h("th", {scope: "col"}, h("span", {class: "visually-hidden"}, "Actions")))),
      h("tbody", {}, webhooks.map((w) => this.row(w))));
  }

  row(w) {
    const name = w.description || w.url;
    const action = (text, act, onclick, extra = "") => h("button", {class: `btn btn-small btn-ghost ${extra}`,
      type: "button", "data-action": act, "aria-label": `${text} ${name}`, onclick}, text);
    return h("tr", {"data-id": w.id, class: w.id === selected ? "row-selected" : null},
      h("td", {class: "cell-name", "data-label": "Endpoint"}, h("span", {class: "stack"},
        h("span", {class: "webhook-url"}, w.url),
        w.description ? h("span", {class: "muted"}, w.description) : null)),
      h("td", {"data-label": "Events"}, h("div", {class: "chips"},
        w.events.map((p) => h("span", {class: "chip chip-static"}, p)))),
      h("td", {"data-label": "Status"}, w.enabled ? h("span", {class: "badge badge-won"}, "Enabled")
        : h("span", {class: "badge"}, "Disabled")),
      h("td", {"data-label": "Created"}, h("time", {datetime: w.created_at, class: "nowrap"}, day(w.created_at))),
      h("td", {class: "cell-actions"},
        action("Deliveries", "deliveries", () => this.showDeliveries(w, true)),
        this.writable ? [
          w.enabled ? action("Send test", "test", () => this.test(w)) : null,
          action("Edit", "edit", () => this.edit(w)),
          action(w.enabled ? "Disable" : "Enable", "toggle", () => this.toggle(w)),
          action("Rotate secret", "rotate", () => this.rotate(w)),
          action("Delete", "delete", () => this.remove(w), "danger-text"),
        ] : null));
  }

  fields(w) {
    return [
      {name: "url", label: "URL", required: true, wide: true, inputmode: "url", value: w.url,
        placeholder: "https://example.com/hooks/leadstore", hint: "Where each event is POSTed (https or http)."},
      {name: "events", label: "Events", choices: PATTERNS.map((p) => [p, p]), value: w.events || ["contact.*"]},
      {name: "description", label: "Description", wide: true, value: w.description},
    ];
  }

  async create() {
    const made = await formDialog({title: "New webhook", prefix: "webhook", submitLabel: "Create webhook",
      fields: this.fields({}), onSubmit: (values) => {
        const body = {url: values.url.trim(), events: values.events};
        if (values.description.trim()) {
          body.description = values.description.trim();
        }
        return api.webhooks.create(body);
      }});
    if (made) {
      selected = made.id;
      this.showSecret(made, `The signing secret of ${made.url}`);
      this.load();
    }
  }

  async edit(w) {
    const saved = await formDialog({title: "Edit webhook", prefix: "webhook", submitLabel: "Save changes",
      fields: this.fields(w), onSubmit: (values) => {
        const body = {};
        if (values.url.trim() !== w.url) {
          body.url = values.url.trim();
        }
        if (values.events.join("\n") !== w.events.join("\n")) {
          body.events = values.events;
        }
        const description = values.description.trim() || null;
        if (description !== w.description) {
          body.description = description;
        }
        return Object.keys(body).length ? api.webhooks.update(w.id, body) : w;
      }});
    if (saved && saved !== w) {
      toast("Saved the webhook");
      this.load();
    }
  }

  async toggle(w) {
    try {
      await api.webhooks.update(w.id, {enabled: !w.enabled});
      toast(w.enabled ? "Disabled: no events are sent to it until enabled again" : "Enabled");
      this.load();
    } catch (error) {
      this.failed("change", error);
    }
  }

  async rotate(w) {
    const sure = await confirm({title: "Rotate the signing secret?", action: "Rotate secret", danger: true,
      text: "Deliveries are signed with a new secret from now on; the old one stops working at once."});
    if (!sure) {
      return;
    }
    try {
      const rotated = await api.webhooks.rotate(w.id);
      this.showSecret({...w, ...rotated}, `The new signing secret of ${w.url}`);
    } catch (error) {
      this.failed("rotate the secret of", error);
    }
  }

  async test(w) {
    try {
      await api.webhooks.test(w.id);
      toast("Sent a test ping");
      this.showDeliveries(w, true);
    } catch (error) {
      this.failed("test", error);
    }
  }

  async remove(w) {
    const sure = await confirm({title: "Delete this webhook?", action: "Delete webhook", danger: true,
      text: `No more events are sent to ${w.url}, and its deliveries are forgotten.`});
    if (!sure) {
      return;
    }
    try {
      await api.webhooks.remove(w.id);
      toast("Deleted the webhook");
      if (selected === w.id) {
        selected = null;
      }
      fill(this.reveal);
      this.load();
    } catch (error) {
      this.failed("delete", error);
    }
  }

  failed(what, error) {
    if (error.status !== 401) {
      toast(`Could not ${what} the webhook: ${error.message}`, "error");
    }
  }

  /** The secret, this once: it is shown only in the answer that made it. */
  showSecret(w, title) {
    const value = h("input", {id: "webhook-secret", class: "secret", readOnly: true, value: w.secret,
      "aria-label": title, spellcheck: "false"});
    const copy = h("button", {class: "btn primary", type: "button", id: "copy-secret", onclick: async () => {
      try {
        await navigator.clipboard.writeText(value.value);
        copy.textContent = "Copied";
      } catch {
        value.select();
        toast("Press Ctrl+C (⌘C on a Mac) to copy the selected secret.", "info");
      }
    }}, "Copy");
    fill(this.reveal, h("div", {class: "reveal reveal-page", role: "region", "aria-labelledby": "secret-title"},
      h("h3", {id: "secret-title"}, title),
      h("p", {}, "Copy it now: it is shown only this once. Your endpoint checks each delivery's "
        + "webhook-signature with it."),
      h("div", {class: "reveal-row"}, value, copy),
      h("button", {class: "btn btn-small", type: "button", id: "secret-done", onclick: () => fill(this.reveal)},
        "Done")));
    copy.focus();
  }

  /** The endpoint's deliveries, newest as the API gives them; polled while any is pending. */
  async showDeliveries(w, focus = false) {
    selected = w.id;
    clearTimeout(this.poll);
    this.list.querySelectorAll("tbody tr").forEach((tr) => tr.classList.toggle("row-selected", tr.dataset.id === w.id));
    const refresh = h("button", {class: "btn btn-small", type: "button", id: "deliveries-refresh",
      onclick: () => this.showDeliveries(w)}, "Refresh");
    const head = h("div", {class: "panel-head"},
      h("div", {}, h("h2", {id: "deliveries-title", tabindex: "-1"}, "Deliveries"),
        h("p", {class: "hint webhook-url"}, w.url, " · the latest first")),
      h("div", {class: "page-actions"}, refresh,
        this.writable ? h("button", {class: "btn btn-small", type: "button", id: "replay",
          onclick: () => this.replay(w, null)}, "Replay…") : null));
    const body = h("div", {id: "deliveries-body"});
    if (this.deliveries.hidden || this.deliveries.dataset.id !== w.id) {
      fill(body, loading("Loading deliveries…"));
      fill(this.deliveries, head, body);
    } else {
      fill(this.deliveries, head, this.deliveries.querySelector("#deliveries-body") || body);
    }
    this.deliveries.hidden = false;
    this.deliveries.dataset.id = w.id;
    this.deliveries.dataset.state = "loading";
    if (focus) {
      head.querySelector("h2").focus();
      this.deliveries.scrollIntoView({block: "nearest"});
    }
    await this.loadDeliveries(w, POLLS);
  }

  async loadDeliveries(w, polls) {
    const body = this.deliveries.querySelector("#deliveries-body");
    try {
      const {deliveries} = await api.webhooks.deliveries(w.id);
      if (selected !== w.id || !body.isConnected) {
        return;
      }
      fill(body, deliveries.length ? this.deliveryTable(w, deliveries)
        : h("div", {class: "state"}, h("p", {}, "Nothing delivered yet. “Send test” sends a ping.")));
      this.deliveries.dataset.state = "ready";
      if (polls > 0 && deliveries.some((d) => d.status === "pending")) {
        this.poll = setTimeout(() => {
          if (body.isConnected && selected === w.id) {
            this.loadDeliveries(w, polls - 1);
          }
        }, POLL_MILLIS);
      }
    } catch (error) {
      if (error.status !== 401 && body.isConnected) {
        this.deliveries.dataset.state = "error";
        fill(body, failure(error, () => this.showDeliveries(w)));
      }
    }
  }

  deliveryTable(w, deliveries) {
    return h("table", {class: "table deliveries-table"},
      h("caption", {class: "visually-hidden"}, "Deliveries"),
      h("thead", {}, h("tr", {}, ["Event", "Status", "Attempts", "Last answer", "Created", "Next attempt / delivered"]
        .map((t) => h("th", {scope: "col"}, t)), h("th", {scope: "col"}, h("span", {class: "visually-hidden"}, "Actions")))),
      h("tbody", {}, deliveries.map((d) => h("tr", {"data-id": d.id, "data-status": d.status},
        h("td", {class: "cell-name", "data-label": "Event"}, h("span", {class: "stack"},
          h("strong", {class: "delivery-type"}, d.event_type), h("code", {class: "muted"}, d.event_id))),
        h("td", {"data-label": "Status"}, h("span", {class: `badge delivery-status ${BADGES[d.status] || ""}`},
          label(d.status))),
        h("td", {"data-label": "Attempts", class: "delivery-attempts"}, String(d.attempts)),
        h("td", {"data-label": "Last answer"}, h("span", {class: "stack"},
          d.last_status_code === null ? h("span", {class: "muted"}, "—")
            : h("span", {class: "delivery-code"}, String(d.last_status_code)),
          d.last_error ? h("span", {class: "muted delivery-error"}, d.last_error) : null)),
        h("td", {"data-label": "Created"}, when(d.created_at)),
        h("td", {"data-label": d.delivered_at ? "Delivered" : "Next attempt"},
          d.delivered_at ? when(d.delivered_at) : d.next_attempt_at ? when(d.next_attempt_at) : "—"),
        h("td", {class: "cell-actions"}, this.writable && d.event_type !== "ping"
          ? h("button", {class: "btn btn-small btn-ghost", type: "button", "data-action": "replay",
            "aria-label": `Replay from ${d.event_id}`, onclick: () => this.replay(w, d.event_id)}, "Replay from…")
          : null)))));
  }

  /** Sends again every matching event after the one given (each with its first webhook-id). */
  async replay(w, after) {
    const done = await formDialog({title: "Replay events", prefix: "replay", submitLabel: "Replay",
      fields: [{name: "after", label: "After the event", required: true, wide: true, value: after,
        placeholder: "evt_…", hint: "Every event this webhook listens to, after this one, is sent again."}],
      onSubmit: (values) => api.webhooks.replay(w.id, {after: values.after.trim()}).then((answer) => answer || {})});
    if (done) {
      const count = done.replayed;
      toast(count === undefined ? "Replaying: the events are queued for delivery"
        : `Replaying ${count} ${count === 1 ? "event" : "events"}`);
      this.showDeliveries(w);
    }
  }
}

const BADGES = {delivered: "badge-won", failed: "badge-lost", pending: "badge-pending"};

function when(iso) {
  return h("time", {datetime: iso, class: "nowrap", title: iso},
    new Date(iso).toLocaleString([], {dateStyle: "medium", timeStyle: "medium"}));
}
