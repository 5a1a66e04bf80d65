// Small DOM helpers shared by the views: elements built from data (never from HTML strings),
// loading and error states, toasts, a confirmation dialog and a form dialog that shows each
// field's error beside the field.

/** Names set as attributes even where the element has a property of that name (read-only or not a string). */
const ATTRIBUTES = new Set(["list", "form", "spellcheck", "role"]);

/** An element: h("button", {class: "btn", onclick: fn, "aria-label": "…"}, "text", child, …). */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith("on")) {
      element.addEventListener(name.slice(2), value);
    } else if (name === "class") {
      element.className = value;
    } else if (name in element && !ATTRIBUTES.has(name)) {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? "" : value);
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces every child of an element. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export function loading(text) {
  return h("div", {class: "state", role: "status"}, h("span", {class: "spinner", "aria-hidden": "true"}), text);
}

/** What went wrong, in words for people, with a way to try again. */
export function failure(error, retry) {
  const box = h("div", {class: "state state-error", role: "alert"},
    h("p", {class: "state-title"}, error.status === 429 ? "Too many requests right now" : "Something went wrong"),
    h("p", {}, error.status === 429 ? retryText(error.retryAfter) : error.message));
  if (retry) {
    box.append(h("button", {class: "btn", type: "button", onclick: retry}, "Try again"));
  }
  return box;
}

/** "Try again in 42 s" or "Try again in 21 min (at 14:00)". */
export function retryText(seconds) {
  if (!seconds || seconds <= 0) {
    return "You can try again now.";
  }
  if (seconds < 90) {
    return `Try again in ${seconds} s.`;
  }
  const at = new Date(Date.now() + seconds * 1000).toLocaleTimeString([], {hour: "2-digit", minute: "2-digit"});
  return `Try again in ${Math.ceil(seconds / 60)} min (at ${at}).`;
}

export function toast(message, kind = "ok") {
  const area = document.getElementById("toasts");
  const item = h("div", {class: `toast toast-${kind}`}, message);
  area.append(item);
  setTimeout(() => item.remove(), 4000);
}

/** A modal question; resolves true when confirmed. */
export function confirm({title, text, action, danger}) {
  return new Promise((resolve) => {
    const dialog = h("dialog", {class: "dialog dialog-small", "aria-labelledby": "confirm-title"},
      h("h2", {id: "confirm-title"}, title),
      h("p", {}, text),
      h("div", {class: "dialog-actions"},
        h("button", {class: "btn", type: "button", onclick: () => dialog.close("cancel")}, "Cancel"),
        h("button", {class: danger ? "btn danger" : "btn primary", type: "button", "data-confirm": "",
          onclick: () => dialog.close("confirm")}, action)));
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(dialog.returnValue === "confirm");
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/**
 * A labelled input with a place for its error. spec: {name, label, type, value, required, hint,
 * options: [[value, text]…] for a select, choices: [[value, text]…] for checkboxes, list: a datalist id,
 * inputmode, autocomplete, step, min, placeholder, wide: the whole width of the form}.
 */
export function field(spec, prefix) {
  const id = `${prefix}-${spec.name}`;
  const described = [spec.hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" ");
  const common = {id, name: spec.name, "aria-describedby": described, required: spec.required,
    autocomplete: spec.autocomplete || "off"};
  if (spec.choices) {
    return h("fieldset", {class: "field field-wide choices", "aria-describedby": `${id}-error`},
      h("legend", {}, spec.label),
      h("div", {class: "choice-grid"}, spec.choices.map(([value, text], i) => h("label", {class: "choice"},
        h("input", {type: "checkbox", name: spec.name, value, id: i === 0 ? id : `${id}-${i}`,
          checked: (spec.value || []).includes(value)}), text))),
      h("p", {class: "field-error", id: `${id}-error`, hidden: true}));
  }
  let control;
  if (spec.options) {
    control = h("select", common, spec.options.map(([value, text]) =>
      h("option", {value, selected: String(spec.value ?? "") === value}, text)));
  } else if (spec.type === "textarea") {
    control = h("textarea", {...common, rows: 3}, spec.value ?? "");
  } else {
    control = h("input", {...common, type: spec.type || "text", value: spec.value ?? "", inputmode: spec.inputmode,
      step: spec.step, min: spec.min, list: spec.list, placeholder: spec.placeholder});
  }
  return h("div", {class: `field${spec.wide ? " field-wide" : ""}`},
    h("label", {for: id}, spec.label, spec.required ? h("span", {class: "required", "aria-hidden": "true"}, " *") : null),
    control,
    spec.hint ? h("p", {class: "hint", id: `${id}-hint`}, spec.hint) : null,
    h("p", {class: "field-error", id: `${id}-error`, hidden: true}));
}

/** Shows the API's `details.fields` beside the fields of a form; returns the problems no field shows. */
export function showFieldErrors(form, fields) {
  for (const error of form.querySelectorAll(".field-error")) {
    error.hidden = true;
    error.textContent = "";
  }
  for (const control of form.querySelectorAll("[aria-invalid]")) {
    control.removeAttribute("aria-invalid");
  }
  const rest = {};
  let first = null;
  for (const [name, problem] of Object.entries(fields || {})) {
    const error = document.getElementById(`${form.dataset.prefix}-${name}-error`);
    let control = form.elements.namedItem(name);
    control = control instanceof RadioNodeList ? control[0] : control;
    if (!error || !control) {
      rest[name] = problem;
      continue;
    }
    control.setAttribute("aria-invalid", "true");
    error.textContent = sentence(problem);
    error.hidden = false;
    first = first || control;
  }
  if (first) {
    first.focus();
  }
  return rest;
}

/**
 * A modal form. onSubmit(values) returns a promise; when it fails with an ApiError its fields are
 * shown beside each field and the dialog stays open. Resolves with onSubmit's result, or null.
 */
export function formDialog({title, prefix, fields, submitLabel, onSubmit, extra}) {
  return new Promise((resolve) => {
    const message = h("p", {class: "form-error", role: "alert", hidden: true});
    const submit = h("button", {class: "btn primary", type: "submit"}, submitLabel);
    const form = h("form", {class: "form", novalidate: true, "data-prefix": prefix},
      message,
      h("div", {class: "form-grid"}, fields.map((spec) => field(spec, prefix))),
      extra || null,
      h("div", {class: "dialog-actions"},
        h("button", {class: "btn", type: "button", onclick: () => dialog.close()}, "Cancel"), submit));
    const dialog = h("dialog", {class: "dialog", "aria-labelledby": `${prefix}-title`},
      h("div", {class: "dialog-head"},
        h("h2", {id: `${prefix}-title`}, title),
        h("button", {class: "icon-btn", type: "button", "aria-label": "Close", onclick: () => dialog.close()}, "×")),
      form);
    let result = null;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      submit.disabled = true;
      submit.textContent = "Saving…";
      message.hidden = true;
      try {
        result = await onSubmit(values(form));
        dialog.close();
      } catch (error) {
        const rest = showFieldErrors(form, error.fields);
        if (Object.keys(error.fields || {}).length === 0 || Object.keys(rest).length > 0) {
          message.textContent = error.status === 429 ? retryText(error.retryAfter) : error.message;
          message.hidden = false;
        }
      } finally {
        submit.disabled = false;
        submit.textContent = submitLabel;
      }
    });
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(result);
    });
    document.body.append(dialog);
    dialog.showModal();
    form.querySelector("input, select, textarea").focus();
  });
}

/** The form's values by name; checkboxes of one name give the list of those checked. */
export function values(form) {
  const out = {};
  for (const control of form.querySelectorAll("[name]")) {
    if (control.type === "checkbox") {
      out[control.name] = out[control.name] || [];
      if (control.checked) {
        out[control.name].push(control.value);
      }
    } else {
      out[control.name] = control.value;
    }
  }
  return out;
}

/** "must be a valid email address" -> "Must be a valid email address." */
export function sentence(text) {
  const s = String(text);
  return s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? "" : ".");
}

export function debounce(fn, millis) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), millis);
  };
}

export function initials(name) {
  const words = String(name).trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((w) => Array.from(w)[0]).join("").toUpperCase() || "?";
}

/** One of eight avatar colours, always the same for a name. */
export function hue(text) {
  let sum = 0;
  for (const c of String(text)) {
    sum = (sum * 31 + c.codePointAt(0)) % 997;
  }
  return `hue-${sum % 8}`;
}

/** A date, without its year when it is this year's. */
export function day(iso) {
  if (!iso) {
    return "";
  }
  const date = new Date(iso);
  const year = date.getFullYear() === new Date().getFullYear() ? undefined : "numeric";
  return date.toLocaleDateString([], {day: "numeric", month: "short", year});
}

export function money(value, currency) {
  if (value === null || value === undefined) {
    return "";
  }
  try {
    const cents = Number.isInteger(value) ? 0 : 2;
    return new Intl.NumberFormat([], {style: "currency", currency, minimumFractionDigits: cents,
      maximumFractionDigits: cents}).format(value);
  } catch {
    return `${value} ${currency}`;
  }
}

const WORDS = {linkedin: "LinkedIn", google_maps: "Google Maps"};

/** A vocabulary word for people: "paid_traffic" -> "Paid traffic". */
export function label(word) {
  if (WORDS[word]) {
    return WORDS[word];
  }
  const s = String(word).replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}
