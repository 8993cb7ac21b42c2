// What the postmortem browser tests share: a second engineer (the two-person
// rule needs one), subscribers with a scope, the outbox sender in its own
// process delivering into an SMTP sink, and the steps a reviewer takes.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type Browser, expect, type Page } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { E2E_DATA_DIR } from "../../playwright.config.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";
import { signInAs } from "./console-session.ts";
import { sql } from "./database.ts";

export const ENGINEER_B = "engineer.b@bellwether.test";
/** The sender's PUBLIC_URL (tests/support/sender-process.ts): links in emails start with it. */
export const MAIL_PUBLIC_URL = "https://status.example.test";

export async function addEngineerB(): Promise<void> {
  await sql(
    `INSERT INTO "User" (id, email, name, role, "updatedAt") VALUES ('e2e-engineer-b', $1, 'Bea Reviewer', 'ENGINEER', now()) ON CONFLICT (email) DO NOTHING`,
    [ENGINEER_B],
  );
}

/** A confirmed subscriber: everything, or one component in every region. */
export async function addSubscriber(email: string, componentKey: string | null): Promise<void> {
  const [row] = await sql<{ id: string }>(
    `INSERT INTO "Subscriber" (id, email, "scopeAll", "confirmedAt", "updatedAt") VALUES ('e2e-' || md5(random()::text), $1, $2, now(), now()) RETURNING id`,
    [email, componentKey === null],
  );
  if (componentKey)
    await sql(
      `INSERT INTO "SubscriberComponent" ("subscriberId", "componentId") SELECT $1, id FROM "Component" WHERE key = $2`,
      [row!.id, componentKey],
    );
}

export interface MailFlow {
  sink: SmtpSink;
  /** Parsed messages to one address whose subject starts with `subject`. */
  mailTo(address: string, subject: string): Promise<ParsedMail[]>;
  stop(): Promise<void>;
}

/** The outbox sender (tests/support/sender-process.ts) on the e2e database, into a fresh SMTP sink. */
export async function startMailFlow(): Promise<MailFlow> {
  const sink = await startSmtpSink();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "tests/support/sender-process.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: fs.readFileSync(path.join(E2E_DATA_DIR, "database-url"), "utf8"),
      SMTP_URL: sink.url,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`the sender exited with ${code} before it was ready`)));
  });
  return {
    sink,
    async mailTo(address, subject) {
      const mine = sink.messages.filter((m) => m.to.includes(address.toLowerCase()));
      const parsed = await Promise.all(mine.map((m) => sink.parse(m)));
      return parsed.filter((m) => m.subject?.startsWith(subject));
    },
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
      await sink.close();
    },
  };
}

/** Waits until the sender has sent every email of the incident's postmortem event (a webhook subscriber's delivery runs on its own schedule). */
export async function postmortemMailDrained(incidentId: string): Promise<void> {
  await expect
    .poll(
      async () =>
        (
          await sql<{ n: string }>(
            `SELECT count(*)::text AS n FROM "Notification" n JOIN "NotificationEvent" e ON e.id = n."eventId"
              JOIN "Subscriber" s ON s.id = n."subscriberId"
              WHERE e.kind = 'postmortem_published' AND e."incidentId" = $1 AND s.channel = 'email' AND n.state <> 'sent'`,
            [incidentId],
          )
        )[0]!.n,
      { timeout: 30_000 },
    )
    .toBe("0");
}

/** Engineer B, in a browser of their own, approves and publishes the postmortem. */
export async function approveAndPublishAsB(browser: Browser, baseURL: string, incidentId: string): Promise<void> {
  const context = await browser.newContext();
  try {
    await signInAs(context, baseURL, ENGINEER_B);
    const page = await context.newPage();
    await page.goto(`/admin/incidents/${incidentId}/postmortem`);
    const review = page.getByTestId("review-box");
    await review.getByRole("button", { name: "Approve", exact: true }).click();
    await expect(review.locator("[data-postmortem-state]")).toHaveText("Approved");
    await review.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(review.locator("[data-postmortem-state]")).toHaveText("Published");
  } finally {
    await context.close();
  }
}

/** Fills sections by label (their headings) and saves them. */
export async function saveSections(page: Page, sections: Record<string, string>): Promise<void> {
  const form = page.getByRole("form", { name: "Postmortem sections" });
  for (const [heading, text] of Object.entries(sections)) await form.getByLabel(heading, { exact: true }).fill(text);
  await saveAndWait(page);
}

/** Clicks "Save sections" and waits until the save is stored: the form's version has moved on and it says "Saved.". */
export async function saveAndWait(page: Page): Promise<void> {
  const form = page.getByRole("form", { name: "Postmortem sections" });
  const version = form.locator('input[name="expectedVersion"]');
  const before = Number(await version.inputValue());
  await form.getByRole("button", { name: "Save sections" }).click();
  await expect(version).toHaveValue(String(before + 1));
  await expect(page.getByRole("form", { name: "Postmortem sections" }).getByRole("status")).toHaveText("Saved.");
}
