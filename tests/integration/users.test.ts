// Admins manage people; every change is audited in the same transaction, and
// no other role can make one. Sessions end when a person is disabled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.ts";
import { actorForSessionToken } from "../../lib/session/actor.ts";
import { addUser } from "../../lib/users/add-user.ts";
import { changeUserRole } from "../../lib/users/change-role.ts";
import { setUserDisabled } from "../../lib/users/set-disabled.ts";
import { findUserAllowedToSignIn } from "../../lib/users/sign-in.ts";
import { makeSession, makeUser } from "../support/console-factories.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return "none";
}

describe("adding people", () => {
  it("adds a person with a role, lower-cases the address and audits who did it", async () => {
    const admin = await makeUser(t.db, "ADMIN");
    const added = await addUser(t.db, admin, { email: "  Nora.New@Example.COM ", name: "Nora", role: "ENGINEER" });
    expect(added).toMatchObject({ email: "nora.new@example.com", name: "Nora", role: "ENGINEER", disabledAt: null });
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { entityId: added.id } });
    expect(audit).toMatchObject({
      actorId: admin.id,
      actorEmail: admin.email,
      action: "user.add",
      entityType: "User",
      after: { email: "nora.new@example.com", role: "ENGINEER" },
    });
    expect(await findUserAllowedToSignIn(t.db, "NORA.new@example.com")).toMatchObject({
      id: added.id,
      role: "ENGINEER",
    });
  });

  it("names the field that is wrong, and refuses a second account for one address", async () => {
    const admin = await makeUser(t.db, "ADMIN");
    await expect(addUser(t.db, admin, { email: "not-an-address", role: "VIEWER" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["email"] })],
    });
    await addUser(t.db, admin, { email: "twice@example.com", role: "VIEWER" });
    await expect(addUser(t.db, admin, { email: "TWICE@example.com", role: "ADMIN" })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { email: ["twice@example.com is already a user"] },
    });
  });

  it("lets no one but an admin add, promote or disable anybody, and writes nothing when refused", async () => {
    const before = await t.db.auditEntry.count();
    for (const role of ["ENGINEER", "ACCOUNT_MANAGER", "VIEWER"] as const) {
      const actor = await makeUser(t.db, role);
      expect(await codeOf(addUser(t.db, actor, { email: `sneaky-${role}@example.com`, role: "ADMIN" }))).toBe(
        "FORBIDDEN",
      );
      expect(await codeOf(changeUserRole(t.db, actor, { userId: actor.id, expectedRole: role, role: "ADMIN" }))).toBe(
        "FORBIDDEN",
      );
      expect(await codeOf(setUserDisabled(t.db, actor, { userId: actor.id, disabled: true }))).toBe("FORBIDDEN");
      expect(await t.db.user.findUniqueOrThrow({ where: { id: actor.id } })).toMatchObject({ role, disabledAt: null });
    }
    expect(await t.db.user.count({ where: { email: { startsWith: "sneaky-" } } })).toBe(0);
    expect(await t.db.auditEntry.count()).toBe(before);
  });
});

describe("roles", () => {
  it("changes a role and audits before and after", async () => {
    const admin = await makeUser(t.db, "ADMIN");
    const viewer = await makeUser(t.db, "VIEWER");
    await changeUserRole(t.db, admin, { userId: viewer.id, expectedRole: "VIEWER", role: "ENGINEER" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: viewer.id } })).role).toBe("ENGINEER");
    expect(
      await t.db.auditEntry.findFirstOrThrow({ where: { entityId: viewer.id, action: "user.change-role" } }),
    ).toMatchObject({
      before: { role: "VIEWER" },
      after: { role: "ENGINEER" },
    });
  });

  it("answers a change made meanwhile by another admin with a conflict, not an overwrite", async () => {
    const [one, two] = [await makeUser(t.db, "ADMIN"), await makeUser(t.db, "ADMIN")];
    const person = await makeUser(t.db, "VIEWER");
    await changeUserRole(t.db, one, { userId: person.id, expectedRole: "VIEWER", role: "ACCOUNT_MANAGER" });
    await expect(
      changeUserRole(t.db, two, { userId: person.id, expectedRole: "VIEWER", role: "ENGINEER" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      details: { role: "ACCOUNT_MANAGER" },
    });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: person.id } })).role).toBe("ACCOUNT_MANAGER");
  });
});

describe("the last admin", () => {
  it("cannot be demoted or disabled, so someone can always manage users", async () => {
    const fresh = await createTestDatabase();
    try {
      const admin = await makeUser(fresh.db, "ADMIN");
      const other = await makeUser(fresh.db, "ADMIN");
      await setUserDisabled(fresh.db, admin, { userId: other.id, disabled: true });
      expect(
        await codeOf(changeUserRole(fresh.db, admin, { userId: admin.id, expectedRole: "ADMIN", role: "VIEWER" })),
      ).toBe("INVALID_TRANSITION");
      expect(await codeOf(setUserDisabled(fresh.db, admin, { userId: admin.id, disabled: true }))).toBe(
        "INVALID_TRANSITION",
      );
      await setUserDisabled(fresh.db, admin, { userId: other.id, disabled: false });
      await changeUserRole(fresh.db, other, { userId: admin.id, expectedRole: "ADMIN", role: "VIEWER" });
      expect((await fresh.db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("VIEWER");
    } finally {
      await fresh.drop();
    }
  });
});

describe("sessions", () => {
  it("knows the person behind a live session, and nobody behind an expired or unknown one", async () => {
    const engineer = await makeUser(t.db, "ENGINEER");
    const live = await makeSession(t.db, engineer.id);
    const expired = await makeSession(t.db, engineer.id, new Date(Date.now() - 1000));
    expect(await actorForSessionToken(t.db, live)).toMatchObject({
      id: engineer.id,
      email: engineer.email,
      role: "ENGINEER",
    });
    expect(await actorForSessionToken(t.db, expired)).toBeNull();
    expect(await actorForSessionToken(t.db, "no-such-token")).toBeNull();
    expect(await actorForSessionToken(t.db, undefined)).toBeNull();
  });

  it("ends a disabled person's sessions at once, keeps them from signing in, and lets them back when enabled", async () => {
    const admin = await makeUser(t.db, "ADMIN");
    const engineer = await makeUser(t.db, "ENGINEER");
    const token = await makeSession(t.db, engineer.id);
    await setUserDisabled(t.db, admin, { userId: engineer.id, disabled: true });
    expect(await actorForSessionToken(t.db, token)).toBeNull();
    expect(await t.db.session.count({ where: { userId: engineer.id } })).toBe(0);
    expect(await findUserAllowedToSignIn(t.db, engineer.email)).toBeNull();
    expect(
      await t.db.auditEntry.findFirstOrThrow({ where: { entityId: engineer.id, action: "user.disable" } }),
    ).toMatchObject({ after: { sessionsEnded: 1 } });

    await setUserDisabled(t.db, admin, { userId: engineer.id, disabled: false });
    expect(await findUserAllowedToSignIn(t.db, engineer.email)).toMatchObject({ id: engineer.id });
  });

  it("does not let an admin disable themselves", async () => {
    const admin = await makeUser(t.db, "ADMIN");
    expect(await codeOf(setUserDisabled(t.db, admin, { userId: admin.id, disabled: true }))).toBe("INVALID_TRANSITION");
  });

  it("lets nobody sign in who is not a user", async () => {
    expect(await findUserAllowedToSignIn(t.db, "stranger@example.com")).toBeNull();
    expect(await findUserAllowedToSignIn(t.db, "")).toBeNull();
  });
});
