// What /admin/mailbox shows: the catcher's mail, only while the catcher is on,
// and only to someone at this machine — it holds sign-in links.
import { getEnv } from "../env.ts";
import { CLIENT_LOCAL_HEADER } from "../http/client-address.ts";
import { type CaughtMail, listCaughtMail, readCaughtMail } from "./mailbox.ts";
import { mailboxEnabled } from "./send.ts";

interface RequestHeaders {
  get(name: string): string | null;
}

/**
 * A loopback client with no proxy in between, as the web server saw the
 * connection (lib/http/front-door.ts) — a reverse proxy on this machine
 * would make every remote reader look local. Without that server: nobody.
 */
export function fromThisMachine(headers: RequestHeaders): boolean {
  return headers.get(CLIENT_LOCAL_HEADER) === "1";
}

/** The mailbox exists while the catcher runs, for someone at this machine only. */
export function mailboxVisibleTo(headers: RequestHeaders): boolean {
  return mailboxEnabled() && fromThisMachine(headers);
}

export async function listDemoMailbox(
  headers: RequestHeaders,
  options: { to?: string } = {},
): Promise<CaughtMail[] | null> {
  if (!mailboxVisibleTo(headers)) return null;
  return listCaughtMail(getEnv().BELLWETHER_DATA_DIR, { to: options.to, limit: 100 });
}

export async function readDemoMail(headers: RequestHeaders, id: string): Promise<CaughtMail | null> {
  if (!mailboxVisibleTo(headers)) return null;
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
