// Signing in: with an API key (GET /external/v1/self checks it), or as the operator with the
// operator token (GET /admin/v1/accounts checks it). Both stay in this tab's sessionStorage.

import {api, session} from "./api.js";
import {fill, h, showFieldErrors, retryText} from "./ui.js";

/** A card with one secret to paste; check(secret) resolves when the server accepts it. */
function secretForm(main, {prefix, title, intro, fieldLabel, placeholder, message, submitLabel, check, footer}) {
  const submit = h("button", {class: "btn primary btn-block", type: "submit"}, submitLabel);
  const input = h("input", {id: `${prefix}-secret`, name: "secret", type: "password", required: true,
    autocomplete: "off", placeholder, "aria-describedby": `${prefix}-secret-hint ${prefix}-secret-error`});
  const form = h("form", {class: "signin-form", novalidate: true, "data-prefix": prefix},
    h("div", {class: "field"},
      h("label", {for: input.id}, fieldLabel), input,
      h("p", {class: "hint", id: `${prefix}-secret-hint`}, "Kept in this browser tab only, until you close it."),
      h("p", {class: "field-error", id: `${prefix}-secret-error`, hidden: true})),
    submit);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const secret = input.value.trim();
    if (!secret) {
      showFieldErrors(form, {secret: "paste it here first"});
      return;
    }
    submit.disabled = true;
    submit.textContent = "Checking…";
    try {
      await check(secret);
    } catch (error) {
      showFieldErrors(form, {secret: problem(error)});
    } finally {
      submit.disabled = false;
      submit.textContent = submitLabel;
    }
  });
  fill(main, h("section", {class: "signin"},
    h("div", {class: "signin-card"},
      h("img", {src: "/app/icon.svg", alt: "", width: 48, height: 48, class: "signin-logo"}),
      h("h1", {}, title),
      h("p", {class: "signin-intro"}, intro),
      message ? h("p", {class: "notice notice-info", role: "alert"}, message) : null,
      form,
      footer || null)));
  input.focus();
}

function problem(error) {
  if (error.status === 429) {
    return `too many attempts. ${retryText(error.retryAfter)}`;
  }
  if (error.status === 401) {
    return error.code === "EXPIRED_API_KEY" ? "this key has expired" : "the server does not accept this";
  }
  return error.message;
}

export function renderSignIn(main, {message, onSignedIn}) {
  secretForm(main, {
    prefix: "signin",
    title: "Sign in to Leadstore",
    intro: "Paste an API key of your account to see its contacts and pipeline.",
    fieldLabel: "API key",
    placeholder: "gr_live_…",
    submitLabel: "Sign in",
    message,
    check: async (key) => {
      session.signIn(key);
      try {
        onSignedIn(await api.self({keepOn401: true}));
      } catch (error) {
        session.signOut();
        throw error;
      }
    },
    footer: h("p", {class: "signin-footer"}, "Running this server? ", h("a", {href: "#/admin"}, "Sign in as the operator")),
  });
}

export function renderOperatorSignIn(main, {message, onSignedIn}) {
  secretForm(main, {
    prefix: "operator",
    title: "Operator sign-in",
    intro: "Paste the operator token (LEADSTORE_ADMIN_TOKEN) to manage accounts and API keys.",
    fieldLabel: "Operator token",
    placeholder: "",
    submitLabel: "Sign in as operator",
    message,
    check: async (token) => {
      session.operatorSignIn(token);
      try {
        await api.admin.accounts({keepOn401: true});
      } catch (error) {
        session.operatorSignOut();
        if (error.status === 404) {
          error.message = "the operator API is off on this server (LEADSTORE_ADMIN_TOKEN is not set)";
        }
        throw error;
      }
      onSignedIn();
    },
    footer: h("p", {class: "signin-footer"}, h("a", {href: "#/contacts"}, "Sign in with an API key instead")),
  });
}
