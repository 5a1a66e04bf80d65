// The contact form's fields, and the bodies it sends: everything given on create, only what
// changed on update (docs/api.md §4.2, §4.4).

import {label} from "./ui.js";

export const SOURCES = ["linkedin", "google_maps", "list", "paid_traffic", "website", "referral", "other"];
const TEXT_FIELDS = ["email", "phone", "company", "position", "linkedin_url"];

export function contactFields(c) {
  const sources = [...new Set([...SOURCES, c.source || "other"])];
  return [
    {name: "name", label: "Name", required: true, value: c.name, wide: true},
    {name: "email", label: "Email", inputmode: "email", value: c.email},
    {name: "phone", label: "Phone", type: "tel", value: c.phone, hint: "With the country code: +55 11 98888-8888"},
    {name: "company", label: "Company", value: c.company},
    {name: "position", label: "Position", value: c.position},
    {name: "source", label: "Source", value: c.source || "other", options: sources.map((s) => [s, label(s)])},
    {name: "linkedin_url", label: "LinkedIn profile", inputmode: "url", value: c.linkedin_url,
      placeholder: "https://www.linkedin.com/in/…"},
    {name: "tags", label: "Tags", value: (c.tags || []).join(", "), hint: "Separated by commas", wide: true},
  ];
}

function tagList(text) {
  return text.split(",").map((t) => t.trim()).filter(Boolean);
}

export function createBody(values) {
  const body = {name: values.name.trim(), source: values.source};
  for (const name of TEXT_FIELDS) {
    if (values[name].trim()) {
      body[name] = values[name].trim();
    }
  }
  const tags = tagList(values.tags);
  if (tags.length) {
    body.tags = tags;
  }
  return body;
}

/** Only what changed; a field emptied is sent as null, which clears it. */
export function changes(contact, values) {
  const body = {};
  if (values.name.trim() !== contact.name) {
    body.name = values.name.trim();
  }
  if (values.source !== contact.source) {
    body.source = values.source;
  }
  for (const name of TEXT_FIELDS) {
    const value = values[name].trim() || null;
    if (value !== contact[name]) {
      body[name] = value;
    }
  }
  const tags = tagList(values.tags);
  if (tags.join("\n") !== contact.tags.join("\n")) {
    body.tags = tags;
  }
  return body;
}
