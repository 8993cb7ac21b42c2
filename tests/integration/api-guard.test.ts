// Route handlers answer 401 without a session and 403 without the role, as
// JSON through handle(); a permitted person gets through.
import { afterAll, beforeAll, expect, it } from "vitest";
import { json, handle } from "../../lib/http/handler.ts";
import { requireApiActor } from "../../lib/session/guards.ts";
import { makeSession, makeUser } from "../support/console-factories.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

// A route handler as the console's API would write one.
const POST = handle(async (request: Request) => {
  const actor = await requireApiActor(request, "incident.write", t.db);
  return json({ ok: true, actor: actor.email });
});

function post(cookie?: string) {
  return POST(new Request("http://localhost/api/example", { method: "POST", headers: cookie ? { cookie } : {} }));
}

it("answers 401 without a session, or with one that is unknown or expired", async () => {
  const engineer = await makeUser(t.db, "ENGINEER");
  const expired = await makeSession(t.db, engineer.id, new Date(Date.now() - 60_000));
  for (const cookie of [undefined, "next-auth.session-token=nonsense", `next-auth.session-token=${expired}`]) {
    const response = await post(cookie);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: "Sign in first." } });
  }
});

it("answers 403 to a viewer and an account manager, and lets an engineer through", async () => {
  for (const role of ["VIEWER", "ACCOUNT_MANAGER"] as const) {
    const person = await makeUser(t.db, role);
    const response = await post(`theme=dark; next-auth.session-token=${await makeSession(t.db, person.id)}`);
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("FORBIDDEN");
  }
  const engineer = await makeUser(t.db, "ENGINEER");
  const response = await post(`next-auth.session-token=${await makeSession(t.db, engineer.id)}`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ ok: true, actor: engineer.email });
});
