// A small DKIM verifier (RFC 6376, rsa-sha256, relaxed/relaxed — what
// nodemailer signs with), so tests check the signature itself, not only that
// a DKIM-Signature header exists.
import { createHash, createVerify, type KeyObject } from "node:crypto";

interface HeaderField {
  name: string;
  /** The whole field as sent, folded lines included, without the final CRLF. */
  raw: string;
}

function splitMessage(raw: Buffer): { headers: HeaderField[]; body: string } {
  const text = raw.toString("latin1");
  const end = text.indexOf("\r\n\r\n");
  const head = text.slice(0, end);
  const body = text.slice(end + 4);
  const headers: HeaderField[] = [];
  for (const line of head.split("\r\n")) {
    if (/^[ \t]/.test(line) && headers.length > 0) headers[headers.length - 1]!.raw += `\r\n${line}`;
    else headers.push({ name: line.slice(0, line.indexOf(":")).trim().toLowerCase(), raw: line });
  }
  return { headers, body };
}

function relaxedHeader(field: HeaderField): string {
  const value = field.raw
    .slice(field.raw.indexOf(":") + 1)
    .replace(/\r\n/g, "")
    .replace(/[ \t]+/g, " ")
    .trim();
  return `${field.name}:${value}`;
}

function relaxedBody(body: string): string {
  const lines = body.split("\r\n").map((line) => line.replace(/[ \t]+/g, " ").replace(/ $/, ""));
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.length === 0 ? "" : `${lines.join("\r\n")}\r\n`;
}

export interface DkimTags {
  [tag: string]: string;
}

export function dkimTags(raw: Buffer): DkimTags | null {
  const field = splitMessage(raw).headers.find((h) => h.name === "dkim-signature");
  if (!field) return null;
  const value = field.raw.slice(field.raw.indexOf(":") + 1).replace(/\r\n[ \t]*/g, "");
  return Object.fromEntries(
    value
      .split(";")
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [
        part.slice(0, part.indexOf("=")).trim(),
        part.slice(part.indexOf("=") + 1).replace(/[ \t]/g, ""),
      ]),
  );
}

/** The header names the signature covers (h=), lower-cased. */
export function signedHeaderNames(raw: Buffer): string[] {
  return (dkimTags(raw)?.h ?? "")
    .split(":")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

export function verifyDkim(raw: Buffer, publicKey: KeyObject): { bodyHashOk: boolean; signatureOk: boolean } {
  const { headers, body } = splitMessage(raw);
  const tags = dkimTags(raw);
  if (tags?.a !== "rsa-sha256" || tags.c !== "relaxed/relaxed") return { bodyHashOk: false, signatureOk: false };
  const bodyHash = createHash("sha256").update(relaxedBody(body), "latin1").digest("base64");
  // Each name in h= takes the next instance of that field from the bottom up.
  const used = new Set<HeaderField>();
  const lines: string[] = [];
  for (const name of signedHeaderNames(raw)) {
    const field = [...headers].reverse().find((h) => h.name === name && !used.has(h));
    if (!field) continue;
    used.add(field);
    lines.push(relaxedHeader(field));
  }
  const signatureField = headers.find((h) => h.name === "dkim-signature")!;
  const unsigned = {
    ...signatureField,
    raw: signatureField.raw.replace(/(\bb=)[^;]*$/, "$1").replace(/(\bb=)[^;]*;/, "$1;"),
  };
  const data = `${lines.map((l) => `${l}\r\n`).join("")}${relaxedHeader(unsigned)}`;
  const signatureOk = createVerify("RSA-SHA256")
    .update(data, "latin1")
    .verify(publicKey, Buffer.from(tags.b ?? "", "base64"));
  return { bodyHashOk: bodyHash === tags.bh, signatureOk };
}
