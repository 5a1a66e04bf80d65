// The public API as the dashboard uses it: the same routes and envelopes as any client
// (docs/api.md), the API key and the operator token kept in sessionStorage only, so they are gone
// when the tab closes.

const KEY = "leadstore.apiKey";
const TOKEN = "leadstore.operatorToken";

export const session = {
  key: () => sessionStorage.getItem(KEY),
  token: () => sessionStorage.getItem(TOKEN),
  signIn: (key) => sessionStorage.setItem(KEY, key),
  operatorSignIn: (token) => sessionStorage.setItem(TOKEN, token),
  signOut: () => sessionStorage.removeItem(KEY),
  operatorSignOut: () => sessionStorage.removeItem(TOKEN),
};

/** An answer other than 2xx: its status, the envelope's code and message, each bad field, when to retry. */
export class ApiError extends Error {
  constructor(status, body, headers) {
    const error = (body && body.error) || {};
    super(error.message || (status ? `The server answered ${status}.` : "The server cannot be reached."));
    this.status = status;
    this.code = error.code || (status ? `HTTP_${status}` : "NETWORK");
    this.details = error.details || {};
    this.fields = this.details.fields || {};
    const header = headers && Number(headers.get("Retry-After"));
    this.retryAfter = error.retry_after ?? (Number.isFinite(header) && header > 0 ? header : null);
  }
}

const listeners = {unauthorized: [], limited: []};

/** "unauthorized" ({as: "key" | "operator", error}) after a 401 has signed out; "limited" (error) on a 429. */
export function on(event, listener) {
  listeners[event].push(listener);
}

function emit(event, value) {
  listeners[event].forEach((listener) => listener(value));
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== "") {
      search.set(name, value);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/**
 * One request. as: "key" sends X-API-Key, "operator" the operator token. A 401 signs that
 * credential out (unless keepOn401, for checking a credential at sign-in) and tells the listeners.
 */
async function call(method, path, {as = "key", params, body, keepOn401 = false, accept = "application/json"} = {}) {
  const headers = {Accept: accept};
  if (as === "key") {
    headers["X-API-Key"] = session.key() || "";
  } else {
    headers.Authorization = `Bearer ${session.token() || ""}`;
  }
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  let response;
  try {
    response = await fetch(path + query(params), {method, headers, cache: "no-store", credentials: "omit",
      body: body === undefined ? undefined : JSON.stringify(body)});
  } catch {
    throw new ApiError(0, {error: {message: "The server cannot be reached. Check the connection and try again."}});
  }
  if (response.ok && accept !== "application/json") {
    return response;
  }
  let json = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  if (response.ok) {
    return json;
  }
  const error = new ApiError(response.status, json, response.headers);
  if (response.status === 401 && !keepOn401) {
    (as === "key" ? session.signOut : session.operatorSignOut)();
    emit("unauthorized", {as, error});
  } else if (response.status === 429) {
    emit("limited", error);
  }
  throw error;
}

const data = (answer) => answer.data;

export const api = {
  self: (options) => call("GET", "/external/v1/self", options).then(data),

  contacts: {
    list: (params) => call("GET", "/external/v1/contacts", {params}).then(data),
    create: (body) => call("POST", "/external/v1/contacts", {body}).then(data),
    update: (id, body) => call("PATCH", `/external/v1/contacts/${encodeURIComponent(id)}`, {body}).then(data),
    remove: (id) => call("DELETE", `/external/v1/contacts/${encodeURIComponent(id)}`),
    // Every contact the filters match, as CSV (docs/api.md §12.4): the answer itself, for its body and file name.
    exportCsv: (params) => call("GET", "/external/v1/contacts/export", {params, accept: "text/csv"}),
  },

  opportunities: {
    list: (params) => call("GET", "/external/v1/opportunities", {params}).then(data),
    create: (body) => call("POST", "/external/v1/opportunities", {body}).then(data),
    stage: (id, status) => call("PATCH", `/external/v1/opportunities/${encodeURIComponent(id)}/stage`,
      {body: {status}}).then(data),
  },

  admin: {
    accounts: (options) => call("GET", "/admin/v1/accounts", {as: "operator", ...options}).then(data),
    createAccount: (body) => call("POST", "/admin/v1/accounts", {as: "operator", body}).then(data),
    keys: (account) => call("GET", `/admin/v1/accounts/${encodeURIComponent(account)}/api-keys`,
      {as: "operator"}).then(data),
    createKey: (account, body) => call("POST", `/admin/v1/accounts/${encodeURIComponent(account)}/api-keys`,
      {as: "operator", body}).then(data),
    revokeKey: (id) => call("DELETE", `/admin/v1/api-keys/${encodeURIComponent(id)}`, {as: "operator"}),
  },
};

/** Whether a key with these grants (docs/api.md §2.5) may do this. */
export function can(self, permission) {
  const grants = (self && self.permissions) || [];
  return grants.includes("*") || grants.includes(permission) || grants.includes(`${permission.split(":")[0]}:*`);
}

/**
 * The next page of a list: the answer's keyset cursor when the server gives one, else the next
 * page number. Null at the end.
 */
export function nextPage(pagination) {
  if (pagination && "next_cursor" in pagination) {
    return pagination.next_cursor ? {cursor: pagination.next_cursor} : null;
  }
  return pagination && pagination.page < pagination.total_pages ? {page: pagination.page + 1} : null;
}
