// The dashboard's shell: header, navigation, the views behind #/contacts, #/board, #/webhooks and #/admin,
// signing in and out, and the notices every view shares (rate limit, signed out).

import {api, can, on, session} from "./api.js";
import {fill, h, loading, failure, retryText} from "./ui.js";
import {renderSignIn} from "./signin.js";
import {renderContacts} from "./contacts.js";
import {renderBoard} from "./board.js";
import {renderAdmin} from "./admin.js";
import {renderWebhooks} from "./webhooks.js";

const VIEWS = {
  contacts: {title: "Contacts", permission: "contacts:read", render: renderContacts},
  board: {title: "Pipeline", permission: "opportunities:read", render: renderBoard},
  webhooks: {title: "Webhooks", permission: "webhooks:read", render: renderWebhooks},
  admin: {title: "Accounts and keys", render: renderAdmin},
};

const main = document.getElementById("main");
const state = {self: null, signedOut: false, message: null, operatorMessage: null};

function currentView() {
  const name = location.hash.replace(/^#\/?/, "").split(/[/?]/)[0];
  return name in VIEWS ? name : null;
}

function firstAllowedView() {
  return ["contacts", "board"].find((name) => can(state.self, VIEWS[name].permission)) || "admin";
}

async function show() {
  const name = currentView();
  if (session.key() && !state.self) {
    fill(main, loading("Loading your account…"));
    try {
      state.self = await api.self();
    } catch (error) {
      if (name !== "admin") {
        if (error.status !== 401) {
          fill(main, failure(error, show));
        }
        return;
      }
    }
  }
  if (name === "admin") {
    return render("admin");
  }
  if (!session.key()) {
    state.self = null;
    header(null);
    document.title = "Sign in · Leadstore";
    const message = state.message;
    state.message = null;
    return renderSignIn(main, {message, onSignedIn});
  }
  const view = name || firstAllowedView();
  if (!name) {
    history.replaceState(null, "", `#/${view}`);
  }
  render(view);
}

function render(name) {
  const view = VIEWS[name];
  header(name);
  document.title = `${view.title} · Leadstore`;
  if (view.permission && !can(state.self, view.permission)) {
    fill(main, h("div", {class: "state"}, h("p", {class: "state-title"}, "Not available with this key"),
      h("p", {}, `The key ${state.self.name} lacks the permission ${view.permission}.`)));
    return;
  }
  const message = state.operatorMessage;
  state.operatorMessage = null;
  view.render(main, {self: state.self, message, refresh: show});
}

/** Changes the address without a hashchange event, then shows the view. */
function go(name) {
  history.pushState(null, "", `#/${name}`);
  return show();
}

function onSignedIn(self) {
  state.self = self;
  state.signedOut = false;
  go(firstAllowedView());
}

function signOut() {
  session.signOut();
  session.operatorSignOut();
  state.self = null;
  state.message = "You are signed out.";
  go("contacts");
}

/** The navigation and who is signed in. */
function header(active) {
  const nav = document.getElementById("nav");
  const links = [];
  for (const name of ["contacts", "board", "webhooks"]) {
    if (state.self && can(state.self, VIEWS[name].permission)) {
      links.push(name);
    }
  }
  if (state.self || session.token() || active === "admin") {
    links.push("admin");
  }
  fill(nav, links.map((name) => h("a", {href: `#/${name}`, "aria-current": name === active ? "page" : null},
    name === "admin" ? "Admin" : VIEWS[name].title)));
  nav.hidden = links.length === 0;
  const who = document.getElementById("who");
  fill(who,
    state.self ? h("span", {class: "who-name"}, h("strong", {}, state.self.account.name),
      h("span", {class: "who-key"}, `${state.self.name} · ${state.self.prefix}…`)) : null,
    state.self ? h("button", {class: "btn btn-small", type: "button", onclick: signOut}, "Sign out") : null);
}

function signedOutMessage(error) {
  switch (error.code) {
    case "INVALID_API_KEY":
      return "You were signed out: the server no longer accepts this API key (it was revoked or never existed).";
    case "EXPIRED_API_KEY":
      return "You were signed out: this API key has expired.";
    default:
      return `You were signed out: ${error.message}`;
  }
}

on("unauthorized", ({as, error}) => {
  if (as === "key") {
    if (state.signedOut) {
      return; // the other requests in flight with the same key
    }
    state.signedOut = true;
    state.self = null;
    state.message = signedOutMessage(error);
    if (currentView() !== "admin") {
      show();
    } else {
      header("admin");
    }
  } else {
    state.operatorMessage = "The operator token was refused; sign in again.";
    if (currentView() === "admin") {
      show();
    }
  }
});

let countdown = null;
on("limited", (error) => {
  clearInterval(countdown);
  let left = error.retryAfter || 0;
  const time = h("span", {"aria-live": "off"}, retryText(left));
  const banner = h("div", {class: "notice", role: "alert"},
    h("strong", {}, "Too many requests for this key. "), time,
    h("button", {class: "icon-btn", type: "button", "aria-label": "Dismiss", onclick: () => banner.remove()}, "×"));
  fill(document.getElementById("notices"), banner);
  countdown = setInterval(() => {
    left -= 1;
    time.textContent = retryText(left);
    if (left <= 0 || !banner.isConnected) {
      clearInterval(countdown);
      setTimeout(() => banner.remove(), 5000);
    }
  }, 1000);
});

document.querySelector(".skip").addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});

window.addEventListener("hashchange", () => {
  if (location.hash === "" || location.hash.startsWith("#/")) {
    show().then(() => main.focus({preventScroll: true}));
  }
});
show();
