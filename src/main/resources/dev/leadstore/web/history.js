// A contact's history: its events, oldest first (docs/api.md §10.3), in a dialog opened from the
// contacts table. Each update shows the fields it moved, old value → new value (the event's
// `data.previous` against `data.object`); "Load more" follows `next_after`.

import {api} from "./api.js";
import {failure, fill, h, label, loading} from "./ui.js";

const LIMIT = 20;
const FIELDS = {linkedin_url: "LinkedIn profile", custom_fields: "Custom fields"};
const WHAT = {
  "contact.created": "Created",
  "contact.updated": "Updated",
  "contact.deleted": "Deleted",
};

/** Opens the history of a contact; resolves when the dialog closes. */
export function showHistory(contact) {
  return new Promise((resolve) => {
    const list = h("ol", {class: "timeline", id: "history-list"});
    const status = h("div", {id: "history-status"});
    const more = h("button", {class: "btn btn-small", type: "button", id: "history-more", hidden: true}, "Load more");
    const close = h("button", {class: "btn", type: "button", onclick: () => dialog.close()}, "Close");
    const dialog = h("dialog", {class: "dialog", "aria-labelledby": "history-title", id: "history"},
      h("div", {class: "dialog-head"},
        h("div", {}, h("h2", {id: "history-title"}, `History of ${contact.name}`),
          h("p", {class: "hint"}, "Every change, oldest first.")),
        h("button", {class: "icon-btn", type: "button", "aria-label": "Close", onclick: () => dialog.close()}, "×")),
      h("div", {class: "history-body", "aria-live": "polite"}, list, status,
        h("div", {class: "history-more"}, more)),
      h("div", {class: "dialog-actions history-actions"}, close));
    let after = null;
    let shown = 0;

    async function load() {
      more.hidden = true;
      dialog.dataset.state = "loading";
      list.setAttribute("aria-busy", "true");
      fill(status, loading(shown ? "Loading more…" : "Loading the history…"));
      try {
        const {events, next_after: next} = await api.contacts.history(contact.id, {after, limit: LIMIT});
        events.forEach((event) => list.append(entry(event)));
        if (shown > 0 && events.length > 0) {
          list.children[shown].querySelector(".event-title").focus();
        }
        shown += events.length;
        after = next;
        more.hidden = events.length < LIMIT;
        fill(status, shown === 0 ? h("div", {class: "state"}, h("p", {}, "No changes recorded yet.")) : null);
        dialog.dataset.state = "ready";
      } catch (error) {
        dialog.dataset.state = "error";
        if (error.status === 404) {
          fill(status, h("div", {class: "state"}, h("p", {class: "state-title"}, "No history kept"),
            h("p", {}, "This contact has no recorded events: it was made before events were recorded, "
              + "or its events are older than the time they are kept.")));
        } else if (error.status !== 401) {
          fill(status, failure(error, load));
        } else {
          dialog.close();
        }
      } finally {
        list.removeAttribute("aria-busy");
      }
    }

    more.addEventListener("click", load);
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve();
    });
    document.body.append(dialog);
    dialog.showModal();
    close.focus();
    load();
  });
}

/** One event: what happened, when, and for an update each field moved. */
function entry(event) {
  const when = new Date(event.created_at);
  const previous = event.data.previous || {};
  const object = event.data.object || {};
  const fields = Object.keys(previous);
  return h("li", {class: `event event-${event.type.split(".")[1]}`, "data-id": event.id, "data-type": event.type},
    h("div", {class: "event-head"},
      h("strong", {class: "event-title", tabindex: "-1"}, WHAT[event.type] || event.type),
      h("time", {datetime: event.created_at, class: "muted nowrap", title: event.created_at},
        when.toLocaleString([], {dateStyle: "medium", timeStyle: "medium"}))),
    event.type === "contact.created" ? h("p", {class: "event-note muted"}, `As ${object.name}`) : null,
    fields.length ? h("ul", {class: "changes"}, fields.map((field) => h("li", {class: "change", "data-field": field},
      h("span", {class: "change-field"}, FIELDS[field] || label(field)),
      h("span", {class: "change-values"},
        h("del", {class: "change-old"}, text(previous[field])),
        h("span", {class: "change-arrow", "aria-hidden": "true"}, " → "),
        h("span", {class: "visually-hidden"}, " changed to "),
        h("ins", {class: "change-new"}, text(object[field])))))) : null);
}

/** A field's value in words: empty for null, lists joined, objects as JSON. */
function text(value) {
  if (value === null || value === undefined || value === "") {
    return "(empty)";
  }
  if (Array.isArray(value)) {
    return value.length ? value.join(", ") : "(none)";
  }
  if (typeof value === "object") {
    return Object.keys(value).length ? JSON.stringify(value) : "(none)";
  }
  return String(value);
}
