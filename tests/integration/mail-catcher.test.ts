// The demo's mail catcher: what nodemailer sends over SMTP lands in the
// mailbox that /admin/mailbox shows, newest first, nothing delivered.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, expect, it } from "vitest";
import { findFreePort } from "../../lib/database/embedded.ts";
import { type MailCatcher, startMailCatcher } from "../../lib/mail/catcher.ts";
import { listCaughtMail, MAILBOX_LIMIT, readCaughtMail, storeCaughtMail } from "../../lib/mail/mailbox.ts";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-mailbox-"));
let catcher: MailCatcher;

beforeAll(async () => {
  catcher = await startMailCatcher({ port: await findFreePort(), dataDir });
});
afterAll(async () => {
  await catcher.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it("keeps every message sent to it, readable by recipient", async () => {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: catcher.port,
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail({
    from: "Bellwether <b@localhost>",
    to: "eli@example.com",
    subject: "Sign in",
    text: "Your link: http://localhost:3000/x?token=1",
  });
  await transport.sendMail({
    from: "Bellwether <b@localhost>",
    to: "ada@example.com",
    subject: "Hello Ada",
    text: "Hi",
  });
  transport.close();

  const all = await listCaughtMail(dataDir);
  expect(all.map((m) => m.subject)).toEqual(["Hello Ada", "Sign in"]);
  const [forEli] = await listCaughtMail(dataDir, { to: "ELI@example.com" });
  expect(forEli).toMatchObject({
    to: ["eli@example.com"],
    from: expect.stringContaining("<b@localhost>"),
    subject: "Sign in",
  });
  expect(forEli!.text).toContain("http://localhost:3000/x?token=1");
  expect(await readCaughtMail(dataDir, forEli!.id)).toEqual(forEli);
});

it("never reads outside the mailbox, whatever id it is given", async () => {
  expect(await readCaughtMail(dataDir, "../../etc/passwd")).toBeNull();
  expect(await readCaughtMail(dataDir, "1234567890123-deadbeef")).toBeNull();
});

it("keeps only the newest messages", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-mailbox-limit-"));
  try {
    const start = Date.UTC(2026, 0, 1);
    for (let i = 0; i < MAILBOX_LIMIT + 3; i++) {
      await storeCaughtMail(
        dir,
        { from: "a@b.c", to: ["x@y.z"], subject: `m${i}`, text: "" },
        new Date(start + i * 1000),
      );
    }
    const kept = await listCaughtMail(dir);
    expect(kept).toHaveLength(MAILBOX_LIMIT);
    expect(kept[0]!.subject).toBe(`m${MAILBOX_LIMIT + 2}`);
    expect(kept.at(-1)!.subject).toBe("m3");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
