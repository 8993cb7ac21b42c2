import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

it("keeps the audit trail append-only in the database itself", async () => {
  const entry = await t.db.auditEntry.create({
    data: {
      actorEmail: "eli@example.com",
      action: "incident.declare",
      entityType: "Incident",
      entityId: "i1",
      after: { title: "x" },
    },
  });
  await expect(t.db.auditEntry.update({ where: { id: entry.id }, data: { action: "rewritten" } })).rejects.toThrow(
    /append-only/,
  );
  await expect(t.db.auditEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
  await expect(t.db.$executeRawUnsafe(`TRUNCATE "AuditEntry"`)).rejects.toThrow(/append-only/);
  expect(await t.db.auditEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
    action: "incident.declare",
  });
});
