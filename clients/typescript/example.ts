// The Leadstore API from TypeScript: the types come from openapi.yaml (`npm run generate`), the
// requests are plain fetch. Creates a contact, reads it back, finds it in a list, then reads the
// error envelope of a second contact with the same email. Exits non-zero when an answer is not
// the one expected.
//
//   LEADSTORE_URL=http://localhost:8080 LEADSTORE_API_KEY=gr_live_… npm run example
import type { components, paths } from "./generated/leadstore.js";

type Contacts = paths["/external/v1/contacts"];
type OneContact = paths["/external/v1/contacts/{id}"];
type ContactCreate = components["schemas"]["ContactCreate"];
type ListQuery = NonNullable<Contacts["get"]["parameters"]["query"]>;

/** The JSON body of a documented response. */
type Json<R> = R extends { content: { "application/json": infer T } } ? T : never;

/** Every documented answer of an operation, told apart by its status. */
type Answer<Op> = Op extends { responses: infer R }
  ? { [S in keyof R]: { status: S; body: Json<R[S]> } }[keyof R]
  : never;

const baseUrl = process.env.LEADSTORE_URL ?? "http://localhost:8080";
const apiKey = process.env.LEADSTORE_API_KEY ?? "";

async function call<Op>(method: string, path: string, body?: unknown): Promise<Answer<Op>> {
  const init: RequestInit = { method, headers: { "X-API-Key": apiKey, "Content-Type": "application/json" } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
  }
  const response = await fetch(baseUrl + path, init);
  return { status: response.status, body: await response.json() } as Answer<Op>;
}

const jane: ContactCreate = { name: "Jane Smith", email: `jane.${Date.now()}@company.com`, tags: ["hot-lead"] };

const created = await call<Contacts["post"]>("POST", "/external/v1/contacts", jane);
if (created.status !== 201) {
  throw new Error(`create: ${created.status} ${created.body.error.code}: ${created.body.error.message}`);
}
const id = created.body.data.id;
console.log("created", id, "at", created.body.data.created_at);

const read = await call<OneContact["get"]>("GET", `/external/v1/contacts/${id}`);
if (read.status !== 200) {
  throw new Error(`get: ${read.status} ${read.body.error.code}`);
}
console.log("read", read.body.data.name, read.body.data.email, read.body.data.tags);

const query: ListQuery = { email: jane.email ?? "", limit: 10 };
const search = new URLSearchParams();
for (const [name, value] of Object.entries(query)) {
  search.set(name, String(value));
}
const listed = await call<Contacts["get"]>("GET", `/external/v1/contacts?${search}`);
if (listed.status !== 200 || !listed.body.data.contacts.some((contact) => contact.id === id)) {
  throw new Error(`list: ${listed.status}, ${id} not found`);
}
console.log("listed", listed.body.data.pagination.total, "with this email");

const again = await call<Contacts["post"]>("POST", "/external/v1/contacts", jane);
if (again.status !== 409 || again.body.error.code !== "ALREADY_EXISTS") {
  throw new Error(`duplicate: expected 409 ALREADY_EXISTS, got ${again.status}`);
}
console.log("duplicate refused:", again.body.error.code, "existing_id", again.body.error.details?.existing_id);
