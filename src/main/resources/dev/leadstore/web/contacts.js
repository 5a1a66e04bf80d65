// Contacts: a table with search, tag and source filters, sorting and paging, and the forms that
// create, edit and delete a contact (docs/api.md §4).

import {api, can, nextPage} from "./api.js";
import {confirm, day, debounce, failure, fill, formDialog, h, hue, initials, label, loading, toast} from "./ui.js";
import {changes, contactFields, createBody, SOURCES} from "./contact-form.js";

const SORTS = [["created_at:desc", "Newest first"], ["created_at:asc", "Oldest first"],
  ["updated_at:desc", "Recently updated"], ["name:asc", "Name A–Z"], ["name:desc", "Name Z–A"],
  ["company:asc", "Company A–Z"], ["company:desc", "Company Z–A"]];
const LIMIT = 20;

// Kept while the tab is open, so that coming back to the view finds the same list.
const query = {search: "", tags: "", source: "", sort: "created_at:desc", page: 1, cursor: null, offset: 0,
  previous: []};
const seenTags = new Set();
const seenSources = new Set(SOURCES);

export function renderContacts(main, {self}) {
  const view = new ContactsView(main, can(self, "contacts:write"), can(self, "contacts:delete"));
  view.load();
}

class ContactsView {
  constructor(main, writable, deletable) {
    this.writable = writable;
    this.deletable = deletable;
    this.generation = 0;
    this.count = h("p", {class: "page-sub", "aria-live": "polite"});
    this.area = h("div", {class: "list-area", id: "contacts-area"});
    this.pager = h("nav", {class: "pager", "aria-label": "Contact pages"});
    this.tagList = h("datalist", {id: "contact-known-tags"});
    this.sourceFilter = h("select", {id: "filter-source", onchange: (e) => this.filter({source: e.target.value})});
    fill(main, h("section", {class: "page"},
      h("div", {class: "page-head"},
        h("div", {}, h("h1", {}, "Contacts"), this.count),
        h("div", {class: "page-actions"},
          h("button", {class: "btn", type: "button", id: "export-contacts", onclick: (e) => this.exportCsv(e.target)},
            "Export CSV"),
          writable ? h("button", {class: "btn primary", type: "button", id: "new-contact", onclick: () => this.create()},
            h("span", {"aria-hidden": "true"}, "+ "), "New contact") : null)),
      this.toolbar(),
      this.area,
      this.pager,
      this.tagList));
  }

  toolbar() {
    const search = h("input", {type: "search", id: "filter-search", value: query.search,
      placeholder: "Search name, email or company",
      oninput: debounce((e) => this.filter({search: e.target.value.trim()}), 300)});
    const tags = h("input", {type: "text", id: "filter-tag", value: query.tags, list: "contact-known-tags",
      placeholder: "Any tag", autocomplete: "off",
      oninput: debounce((e) => this.filter({tags: e.target.value.trim()}), 400)});
    const sort = h("select", {id: "filter-sort", onchange: (e) => this.filter({sort: e.target.value})},
      SORTS.map(([value, text]) => h("option", {value, selected: value === query.sort}, text)));
    this.sortSelect = sort;
    this.tagInput = tags;
    this.fillSources();
    const form = h("form", {class: "toolbar", role: "search", "aria-label": "Filter contacts"},
      h("div", {class: "field field-search"}, h("label", {for: search.id}, "Search"), search),
      h("div", {class: "field"}, h("label", {for: tags.id}, "Tag"), tags),
      h("div", {class: "field"}, h("label", {for: this.sourceFilter.id}, "Source"), this.sourceFilter),
      h("div", {class: "field"}, h("label", {for: sort.id}, "Sort by"), sort));
    // Enter filters at once, without waiting for the pause in typing (a form of several fields has no
    // implicit submission).
    const now = (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        this.filter({search: search.value.trim(), tags: tags.value.trim()});
      }
    };
    search.addEventListener("keydown", now);
    tags.addEventListener("keydown", now);
    form.addEventListener("submit", (event) => event.preventDefault());
    return form;
  }

  fillSources() {
    fill(this.sourceFilter, h("option", {value: ""}, "Any source"),
      [...seenSources].sort().map((s) => h("option", {value: s, selected: s === query.source}, label(s))));
  }

  /** Changes the filters or the order and starts again from the first page. */
  filter(change) {
    if (Object.entries(change).every(([name, value]) => query[name] === value)) {
      return;
    }
    Object.assign(query, change, {page: 1, cursor: null, offset: 0, previous: []});
    this.load();
  }

  /** Downloads every contact the current filters match, in the current order, as the API writes the CSV. */
  async exportCsv(button) {
    const [sortBy, sortOrder] = query.sort.split(":");
    button.disabled = true;
    try {
      const response = await api.contacts.exportCsv({search: query.search, tags: query.tags, source: query.source,
        sort_by: sortBy, sort_order: sortOrder});
      const text = await response.text();
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
      const url = URL.createObjectURL(new Blob([text], {type: "text/csv"}));
      const link = h("a", {href: url, download: name ? name[1] : "contacts.csv", hidden: true});
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      // A contact's fields hold no line breaks, so each line after the header is one contact.
      const rows = text.split("\r\n").filter((line) => line !== "").length - 1;
      toast(`Exported ${rows} contact${rows === 1 ? "" : "s"}`);
    } catch (error) {
      if (error.status !== 401) {
        toast(error.message, "error");
      }
    } finally {
      button.disabled = false;
    }
  }

  async load() {
    const mine = ++this.generation;
    this.area.dataset.state = "loading";
    this.area.setAttribute("aria-busy", "true");
    if (!this.area.querySelector("table")) {
      fill(this.area, loading("Loading contacts…"));
    }
    this.count.textContent = "Loading…";
    const [sortBy, sortOrder] = query.sort.split(":");
    const params = {search: query.search, tags: query.tags, source: query.source, sort_by: sortBy,
      sort_order: sortOrder, limit: LIMIT};
    if (query.cursor) {
      params.cursor = query.cursor;
    } else if (query.page > 1) {
      params.page = query.page;
    }
    try {
      const result = await api.contacts.list(params);
      if (mine === this.generation) {
        this.show(result);
      }
    } catch (error) {
      if (mine === this.generation && error.status !== 401) {
        this.area.dataset.state = "error";
        this.count.textContent = "";
        fill(this.area, failure(error, () => this.load()));
        fill(this.pager);
      }
    } finally {
      if (mine === this.generation) {
        this.area.removeAttribute("aria-busy");
      }
    }
  }

  show({contacts, pagination}) {
    const paged = !("next_cursor" in pagination);
    if (contacts.length === 0 && paged && query.page > 1 && pagination.total > 0) {
      query.page = Math.max(1, pagination.total_pages);
      this.load();
      return;
    }
    contacts.forEach((c) => {
      c.tags.forEach((t) => seenTags.add(t));
      seenSources.add(c.source);
    });
    fill(this.tagList, [...seenTags].sort().map((t) => h("option", {value: t})));
    if (this.sourceFilter.options.length - 1 !== seenSources.size) {
      this.fillSources();
    }
    const total = pagination.total;
    this.count.textContent = total === undefined ? "" : `${total} ${total === 1 ? "contact" : "contacts"}`;
    this.area.dataset.state = "ready";
    fill(this.area, contacts.length ? this.table(contacts) : this.empty());
    this.renderPager(pagination, contacts.length);
  }

  empty() {
    const filtered = query.search || query.tags || query.source;
    return h("div", {class: "state"},
      h("p", {class: "state-title"}, filtered ? "No contacts match these filters" : "No contacts yet"),
      filtered
        ? h("button", {class: "btn", type: "button", onclick: () => this.clearFilters()}, "Clear filters")
        : this.writable ? h("button", {class: "btn primary", type: "button", onclick: () => this.create()},
          "Add your first contact") : null);
  }

  clearFilters() {
    for (const id of ["filter-search", "filter-tag", "filter-source"]) {
      document.getElementById(id).value = "";
    }
    this.filter({search: "", tags: "", source: ""});
  }

  table(contacts) {
    return h("table", {class: "table contacts-table"},
      h("caption", {class: "visually-hidden"}, "Contacts"),
      h("thead", {}, h("tr", {},
        this.sortHeader("Name", "name"), this.sortHeader("Company", "company"),
        h("th", {scope: "col"}, "Phone"), h("th", {scope: "col"}, "Source"), h("th", {scope: "col"}, "Tags"),
        this.sortHeader("Updated", "updated_at"),
        h("th", {scope: "col"}, h("span", {class: "visually-hidden"}, "Actions")))),
      h("tbody", {}, contacts.map((c) => this.row(c))));
  }

  sortHeader(text, column) {
    const [by, order] = query.sort.split(":");
    const active = by === column;
    const next = active ? (order === "asc" ? "desc" : "asc") : (column === "updated_at" ? "desc" : "asc");
    return h("th", {scope: "col", "aria-sort": active ? (order === "asc" ? "ascending" : "descending") : null},
      h("button", {class: "sort-btn", type: "button", onclick: () => {
        this.sortSelect.value = `${column}:${next}`;
        this.filter({sort: `${column}:${next}`});
      }}, text, h("span", {class: "sort-mark", "aria-hidden": "true"}, active ? (order === "asc" ? "↑" : "↓") : "↕")));
  }

  row(c) {
    return h("tr", {"data-id": c.id},
      h("td", {class: "cell-name", "data-label": "Name"}, h("div", {class: "person"},
        h("span", {class: `avatar ${hue(c.name)}`, "aria-hidden": "true"}, initials(c.name)),
        h("span", {class: "stack"},
          this.writable
            ? h("button", {class: "link-btn contact-name", type: "button", onclick: () => this.edit(c)}, c.name)
            : h("span", {class: "contact-name"}, c.name),
          c.email ? h("a", {class: "muted quiet-link", href: `mailto:${c.email}`}, c.email) : null))),
      h("td", {"data-label": "Company"},
        h("span", {class: "stack"}, c.company || h("span", {class: "muted"}, "—"),
          c.position ? h("span", {class: "muted"}, c.position) : null)),
      h("td", {"data-label": "Phone"}, c.phone ? h("a", {href: `tel:${c.phone}`, class: "nowrap quiet-link"}, c.phone) : ""),
      h("td", {"data-label": "Source"}, h("span", {class: "badge"}, label(c.source))),
      h("td", {"data-label": "Tags"}, h("div", {class: "chips"}, c.tags.map((tag) =>
        h("button", {class: "chip", type: "button", title: `Only contacts tagged ${tag}`,
          onclick: () => this.filterTag(tag)}, tag)))),
      h("td", {"data-label": "Updated"}, h("time", {datetime: c.updated_at, class: "nowrap"}, day(c.updated_at))),
      h("td", {class: "cell-actions"},
        this.writable ? h("button", {class: "btn btn-small btn-ghost", type: "button", "aria-label": `Edit ${c.name}`,
          "data-action": "edit", onclick: () => this.edit(c)}, "Edit") : null,
        this.deletable ? h("button", {class: "btn btn-small btn-ghost danger-text", type: "button",
          "aria-label": `Delete ${c.name}`, "data-action": "delete", onclick: () => this.remove(c)}, "Delete") : null));
  }

  filterTag(tag) {
    this.tagInput.value = tag;
    this.filter({tags: tag});
  }

  renderPager(pagination, shown) {
    const items = [];
    if (!("next_cursor" in pagination)) {
      const {page, total, total_pages: pages} = pagination;
      const first = total === 0 ? 0 : (page - 1) * pagination.limit + 1;
      items.push(h("p", {class: "pager-text"}, total ? `${first}–${first + shown - 1} of ${total}` : ""));
      if (pages > 1) {
        items.push(h("div", {class: "pager-buttons"},
          this.pageButton("Previous", page - 1, page <= 1),
          pageWindow(page, pages).map((n) => n === null ? h("span", {class: "gap", "aria-hidden": "true"}, "…")
            : this.pageButton(String(n), n, false, n === page)),
          this.pageButton("Next", page + 1, page >= pages)));
      }
    } else {
      // Keyset paging: "Next" follows the answer's cursor; "Previous" goes back to the cursor (and
      // position) of the page before, kept as the walk went.
      const next = nextPage(pagination);
      const first = pagination.total === 0 ? 0 : query.offset + 1;
      items.push(h("p", {class: "pager-text"},
        pagination.total ? `${first}–${first + shown - 1} of ${pagination.total}` : ""));
      if (next || query.previous.length > 0) {
        items.push(h("div", {class: "pager-buttons"},
          h("button", {class: "btn btn-small", type: "button", disabled: query.previous.length === 0, onclick: () => {
            Object.assign(query, query.previous.pop());
            this.load();
          }}, "Previous"),
          h("button", {class: "btn btn-small", type: "button", disabled: !next, onclick: () => {
            query.previous.push({cursor: query.cursor, offset: query.offset});
            query.cursor = next.cursor;
            query.offset += shown;
            this.load();
          }}, "Next")));
      }
    }
    fill(this.pager, items);
  }

  pageButton(text, page, disabled, current) {
    return h("button", {class: current ? "btn btn-small page-current" : "btn btn-small", type: "button", disabled,
      "aria-current": current ? "page" : null, "aria-label": /^\d+$/.test(text) ? `Page ${text}` : null,
      onclick: () => {
        query.page = page;
        this.load();
      }}, text);
  }

  async create() {
    const created = await formDialog({title: "New contact", prefix: "contact", submitLabel: "Create contact",
      fields: contactFields({}), onSubmit: (values) => api.contacts.create(createBody(values))});
    if (created) {
      toast(`Added ${created.name}`);
      this.load();
    }
  }

  async edit(contact) {
    // Later: the contact's history (its events) shows below this form once the API records events.
    const saved = await formDialog({title: `Edit ${contact.name}`, prefix: "contact", submitLabel: "Save changes",
      fields: contactFields(contact), onSubmit: (values) => {
        const body = changes(contact, values);
        return Object.keys(body).length ? api.contacts.update(contact.id, body) : contact;
      }});
    if (saved && saved !== contact) {
      toast(`Saved ${saved.name}`);
      this.load();
    }
  }

  async remove(contact) {
    const sure = await confirm({title: `Delete ${contact.name}?`, action: "Delete contact", danger: true,
      text: "The contact is removed for good; this cannot be undone."});
    if (!sure) {
      return;
    }
    try {
      await api.contacts.remove(contact.id);
      toast(`Deleted ${contact.name}`);
      this.load();
    } catch (error) {
      if (error.status !== 401) {
        toast(`Could not delete ${contact.name}: ${error.message}`, "error");
      }
    }
  }
}

/** Page numbers around the current one, first and last always, null for a gap. */
function pageWindow(page, pages) {
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const out = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1] > 1) {
      out.push(null);
    }
    out.push(n);
  });
  return out;
}
