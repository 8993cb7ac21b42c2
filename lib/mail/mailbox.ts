// The demo's mailbox: mail caught by the local catcher, one JSON file per
// message under <data dir>/mailbox/, so every process of the demo (the one
// that catches, the one that serves the page) sees the same mail.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

/** Older mail is dropped beyond this many messages. */
export const MAILBOX_LIMIT = 200;

export const caughtMailSchema = z.object({
  id: z.string(),
  receivedAt: z.iso.datetime(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
});

export type CaughtMail = z.infer<typeof caughtMailSchema>;

const ID = /^[0-9]{13}-[0-9a-f]{8}$/;

function folder(dataDir: string): string {
  return path.resolve(dataDir, "mailbox");
}

let sequence = 0;

/** Sorts by arrival: the time, then a per-process sequence for mail of the same millisecond. */
function newId(now: Date): string {
  sequence = (sequence + 1) % 0x10000;
  return `${now.getTime()}-${sequence.toString(16).padStart(4, "0")}${randomBytes(2).toString("hex")}`;
}

export async function storeCaughtMail(
  dataDir: string,
  mail: Omit<CaughtMail, "id" | "receivedAt">,
  now = new Date(),
): Promise<CaughtMail> {
  const stored: CaughtMail = { id: newId(now), receivedAt: now.toISOString(), ...mail };
  await fs.mkdir(folder(dataDir), { recursive: true });
  const file = path.join(folder(dataDir), `${stored.id}.json`);
  // Written beside, then renamed: a reader never sees half a message.
  await fs.writeFile(`${file}.tmp`, JSON.stringify(stored));
  await fs.rename(`${file}.tmp`, file);
  const ids = await mailIds(dataDir);
  await Promise.all(
    ids.slice(MAILBOX_LIMIT).map((id) => fs.rm(path.join(folder(dataDir), `${id}.json`), { force: true })),
  );
  return stored;
}

/** Newest first. */
async function mailIds(dataDir: string): Promise<string[]> {
  const names = await fs.readdir(folder(dataDir)).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith(".json"))
    .map((n) => n.slice(0, -5))
    .filter((id) => ID.test(id))
    .sort()
    .reverse();
}

export async function readCaughtMail(dataDir: string, id: string): Promise<CaughtMail | null> {
  if (!ID.test(id)) return null;
  try {
    const text = await fs.readFile(path.join(folder(dataDir), `${id}.json`), "utf8");
    return caughtMailSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
}

/** Newest first; optionally only mail to one address. */
export async function listCaughtMail(
  dataDir: string,
  options: { to?: string; limit?: number } = {},
): Promise<CaughtMail[]> {
  const found: CaughtMail[] = [];
  for (const id of await mailIds(dataDir)) {
    const mail = await readCaughtMail(dataDir, id);
    if (!mail) continue;
    if (options.to && !mail.to.some((to) => to.toLowerCase() === options.to!.toLowerCase())) continue;
    found.push(mail);
    if (found.length >= (options.limit ?? MAILBOX_LIMIT)) break;
  }
  return found;
}
