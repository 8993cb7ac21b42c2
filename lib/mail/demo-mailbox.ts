// What /admin/mailbox shows: the catcher's mail, only while the catcher is on.
import { getEnv } from "../env.ts";
import { type CaughtMail, listCaughtMail, readCaughtMail } from "./mailbox.ts";
import { mailboxEnabled } from "./send.ts";

export async function listDemoMailbox(options: { to?: string } = {}): Promise<CaughtMail[] | null> {
  if (!mailboxEnabled()) return null;
  return listCaughtMail(getEnv().BELLWETHER_DATA_DIR, { to: options.to, limit: 100 });
}

export async function readDemoMail(id: string): Promise<CaughtMail | null> {
  if (!mailboxEnabled()) return null;
  return readCaughtMail(getEnv().BELLWETHER_DATA_DIR, id);
}

/** Splits text into plain parts and http(s) links, so a page can show links without rendering mail HTML. */
export function linkify(text: string): ({ text: string } | { href: string })[] {
  const parts: ({ text: string } | { href: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"']+/g)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ href: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
