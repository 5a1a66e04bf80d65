// Accounts and API keys, with the operator token (docs/api.md §6): list and create accounts;
// list, create and revoke an account's keys. A new key is shown once, with a button to copy it.

import {api, session} from "./api.js";
import {confirm, day, failure, fill, formDialog, h, label, loading, toast} from "./ui.js";
import {renderOperatorSignIn} from "./signin.js";

const PLANS = ["free", "pro", "business", "enterprise"];
const PERMISSIONS = ["*", "contacts:*", "contacts:read", "contacts:write", "contacts:delete", "opportunities:*",
  "opportunities:read", "opportunities:write", "opportunities:delete", "webhooks:*", "webhooks:read", "webhooks:write"];

// The account last looked at, kept while the tab is open.
let selected = null;

export function renderAdmin(main, {message, refresh}) {
  if (!session.token()) {
    renderOperatorSignIn(main, {message, onSignedIn: refresh});
    return;
  }
  new Admin(main, refresh).loadAccounts();
}

class Admin {
  constructor(main, refresh) {
    this.accounts = h("div", {class: "account-area", id: "accounts"});
    this.keys = h("div", {class: "keys-area", id: "keys"});
    this.reveal = h("div", {id: "new-key-slot"});
    fill(main, h("section", {class: "page"},
      h("div", {class: "page-head"},
        h("div", {}, h("h1", {}, "Accounts and keys"), h("p", {class: "page-sub"}, "Signed in as the operator")),
        h("div", {class: "page-actions"},
          h("button", {class: "btn", type: "button", onclick: () => {
            session.operatorSignOut();
            refresh();
          }}, "Sign out operator"))),
      h("div", {class: "admin-grid"},
        h("aside", {class: "panel", "aria-labelledby": "accounts-title"},
          h("div", {class: "panel-head"}, h("h2", {id: "accounts-title"}, "Accounts"),
            h("button", {class: "btn btn-small", type: "button", id: "new-account", onclick: () => this.createAccount()},
              "New account")),
          this.accounts),
        h("section", {class: "panel", "aria-live": "polite"}, this.reveal, this.keys))));
  }

  async loadAccounts() {
    this.accounts.dataset.state = "loading";
    fill(this.accounts, loading("Loading accounts…"));
    try {
      const {accounts} = await api.admin.accounts();
      if (!accounts.some((a) => a.id === selected)) {
        selected = accounts.length ? accounts[accounts.length - 1].id : null;
      }
      const filter = h("input", {type: "search", id: "account-filter", placeholder: "Filter accounts",
        "aria-label": "Filter accounts", oninput: () => {
          const text = filter.value.trim().toLowerCase();
          this.accounts.querySelectorAll(".account-list li").forEach((item) => {
            item.hidden = text !== "" && !item.textContent.toLowerCase().includes(text);
          });
        }});
      fill(this.accounts, accounts.length > 6 ? h("div", {class: "account-filter"}, filter) : null, accounts.length
        ? h("ul", {class: "account-list"}, accounts.map((a) => h("li", {},
          h("button", {class: "account-btn", type: "button", "aria-current": a.id === selected ? "true" : null,
            "data-id": a.id, onclick: () => this.select(a)},
          h("span", {class: "account-name"}, a.name),
          h("span", {class: "muted"}, `${label(a.plan)} · ${a.rate_limit_per_hour.toLocaleString()}/h`)))))
        : h("p", {class: "muted"}, "No accounts yet."));
      this.accounts.dataset.state = "ready";
      this.account = accounts.find((a) => a.id === selected) || null;
      const current = this.accounts.querySelector(".account-btn[aria-current]");
      if (current) {
        current.scrollIntoView({block: "nearest"});
      }
      this.loadKeys();
    } catch (error) {
      if (error.status !== 401) {
        fill(this.accounts, failure(error, () => this.loadAccounts()));
      }
    }
  }

  select(account) {
    selected = account.id;
    fill(this.reveal);
    this.accounts.querySelectorAll(".account-btn").forEach((button) => {
      if (button.dataset.id === account.id) {
        button.setAttribute("aria-current", "true");
      } else {
        button.removeAttribute("aria-current");
      }
    });
    this.account = account;
    this.loadKeys();
  }

  async loadKeys() {
    const account = this.account;
    if (!account) {
      fill(this.keys, h("div", {class: "state"}, h("p", {}, "Create an account to give it API keys.")));
      return;
    }
    const head = h("div", {class: "panel-head"},
      h("h2", {}, "Keys of ", account.name),
      h("button", {class: "btn primary btn-small", type: "button", id: "new-key", onclick: () => this.createKey(account)},
        "New key"));
    fill(this.keys, head, loading("Loading keys…"));
    this.keys.dataset.state = "loading";
    try {
      const {api_keys: keys} = await api.admin.keys(account.id);
      if (this.account !== account) {
        return;
      }
      fill(this.keys, head, keys.length ? this.table(keys)
        : h("div", {class: "state"}, h("p", {}, "This account has no keys yet.")));
      this.keys.dataset.state = "ready";
    } catch (error) {
      if (error.status !== 401) {
        fill(this.keys, head, failure(error, () => this.loadKeys()));
      }
    }
  }

  table(keys) {
    return h("table", {class: "table keys-table"},
      h("caption", {class: "visually-hidden"}, "API keys"),
      h("thead", {}, h("tr", {}, ["Name", "Prefix", "Permissions", "Limit", "Last used", "Status"]
        .map((text) => h("th", {scope: "col"}, text)), h("th", {scope: "col"}, h("span", {class: "visually-hidden"}, "Actions")))),
      h("tbody", {}, keys.map((key) => h("tr", {"data-id": key.id},
        h("td", {"data-label": "Name"}, h("strong", {}, key.name)),
        h("td", {"data-label": "Prefix"}, h("code", {}, `${key.prefix}…`)),
        h("td", {"data-label": "Permissions"}, h("div", {class: "chips"},
          key.permissions.map((p) => h("span", {class: "chip chip-static"}, p)))),
        h("td", {"data-label": "Limit"}, `${key.rate_limit_per_hour.toLocaleString()}/h`),
        h("td", {"data-label": "Last used"}, key.last_used_at ? day(key.last_used_at) : h("span", {class: "muted"}, "Never")),
        h("td", {"data-label": "Status"}, status(key)),
        h("td", {class: "cell-actions"}, key.revoked_at ? null : h("button", {class: "btn btn-small btn-ghost danger-text",
          type: "button", "aria-label": `Revoke ${key.name}`, "data-action": "revoke", onclick: () => this.revoke(key)},
        "Revoke"))))));
  }

  async createAccount() {
    const account = await formDialog({title: "New account", prefix: "account", submitLabel: "Create account",
      fields: [
        {name: "name", label: "Name", required: true, wide: true},
        {name: "plan", label: "Plan", value: "pro", options: PLANS.map((p) => [p, label(p)])},
        {name: "rate_limit_per_hour", label: "Requests per hour", inputmode: "numeric", hint: "Empty: the plan's"},
      ],
      onSubmit: (values) => api.admin.createAccount(withLimit({name: values.name.trim(), plan: values.plan}, values)),
    });
    if (account) {
      selected = account.id;
      toast(`Created the account ${account.name}`);
      this.loadAccounts();
    }
  }

  async createKey(account) {
    const key = await formDialog({title: `New key for ${account.name}`, prefix: "key", submitLabel: "Create key",
      fields: [
        {name: "name", label: "Name", required: true, wide: true, placeholder: "CRM sync"},
        {name: "permissions", label: "Permissions", choices: PERMISSIONS.map((p) => [p, p]), value: ["contacts:*"]},
        {name: "rate_limit_per_hour", label: "Requests per hour", inputmode: "numeric", hint: "Empty: the account's"},
        {name: "expires_at", label: "Expires", type: "date", hint: "Empty: never"},
      ],
      onSubmit: (values) => {
        const body = withLimit({name: values.name.trim(), permissions: values.permissions}, values);
        if (values.expires_at) {
          body.expires_at = values.expires_at;
        }
        return api.admin.createKey(account.id, body);
      },
    });
    if (key) {
      this.showOnce(key);
      this.loadKeys();
    }
  }

  /** The secret, this once: Leadstore keeps only its hash, so it can never be shown again. */
  showOnce(key) {
    const value = h("input", {id: "new-key-value", class: "secret", readOnly: true, value: key.key,
      "aria-label": `The new key ${key.name}`, spellcheck: "false"});
    const copy = h("button", {class: "btn primary", type: "button", id: "copy-key", onclick: async () => {
      try {
        await navigator.clipboard.writeText(value.value);
        copy.textContent = "Copied";
      } catch {
        value.select();
        toast("Press Ctrl+C (⌘C on a Mac) to copy the selected key.", "info");
      }
    }}, "Copy");
    fill(this.reveal, h("div", {class: "reveal", role: "region", "aria-labelledby": "reveal-title"},
      h("h3", {id: "reveal-title"}, `Copy the key “${key.name}” now`),
      h("p", {}, "It is shown only this once: Leadstore keeps only its hash."),
      h("div", {class: "reveal-row"}, value, copy),
      h("button", {class: "btn btn-small", type: "button", id: "reveal-done", onclick: () => fill(this.reveal)},
        "Done")));
    copy.focus();
  }

  async revoke(key) {
    const sure = await confirm({title: `Revoke ${key.name}?`, action: "Revoke key", danger: true,
      text: "Every request with this key is refused from now on; this cannot be undone."});
    if (!sure) {
      return;
    }
    try {
      await api.admin.revokeKey(key.id);
      toast(`Revoked ${key.name}`);
      this.loadKeys();
    } catch (error) {
      if (error.status !== 401) {
        toast(`Could not revoke ${key.name}: ${error.message}`, "error");
      }
    }
  }
}

function status(key) {
  if (key.revoked_at) {
    return h("span", {class: "badge badge-lost"}, `Revoked ${day(key.revoked_at)}`);
  }
  if (key.expires_at && new Date(key.expires_at) <= new Date()) {
    return h("span", {class: "badge"}, `Expired ${day(key.expires_at)}`);
  }
  return h("span", {class: "badge badge-won"}, key.expires_at ? `Active until ${day(key.expires_at)}` : "Active");
}

/** Adds rate_limit_per_hour when given: a number when it reads as one, else as typed for the server to name. */
function withLimit(body, values) {
  const limit = values.rate_limit_per_hour.trim();
  if (limit) {
    body.rate_limit_per_hour = /^\d+$/.test(limit) ? Number(limit) : limit;
  }
  return body;
}
