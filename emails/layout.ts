// One design for every email Bellwether sends: a narrow table layout with
// inline styles, system fonts and no images or other external assets, so it
// looks the same in every client and loads nothing from anywhere. Everything
// interpolated into HTML goes through escapeHtml.

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export type Tone = "critical" | "major" | "minor" | "good" | "maintenance" | "neutral";

const TONE_COLOR: Record<Tone, { bar: string; badgeBg: string; badgeFg: string }> = {
  critical: { bar: "#b91c1c", badgeBg: "#fee2e2", badgeFg: "#7f1d1d" },
  major: { bar: "#c2410c", badgeBg: "#ffedd5", badgeFg: "#7c2d12" },
  minor: { bar: "#b45309", badgeBg: "#fef3c7", badgeFg: "#78350f" },
  good: { bar: "#047857", badgeBg: "#d1fae5", badgeFg: "#064e3b" },
  maintenance: { bar: "#0369a1", badgeBg: "#e0f2fe", badgeFg: "#0c4a6e" },
  neutral: { bar: "#334155", badgeBg: "#e2e8f0", badgeFg: "#0f172a" },
};

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

/** Typed text as HTML: escaped, line breaks kept. */
export function paragraphsHtml(text: string): string {
  return text
    .trim()
    .split(/\r?\n\s*\r?\n/)
    .map((p) => `<p style="margin:0 0 14px;line-height:1.5">${escapeHtml(p).replace(/\r?\n/g, "<br>")}</p>`)
    .join("");
}

/** One line, no control characters: what may go into a Subject header. */
export function oneLine(value: string, max = 180): string {
  const line = value
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

const utcFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" });

export function formatUtc(iso: string): string {
  return `${utcFormat.format(new Date(iso))} UTC`;
}

export interface EmailContent {
  siteName: string;
  /** Shown as the inbox preview line. */
  preheader: string;
  tone: Tone;
  badge: string;
  heading: string;
  /** Already-escaped HTML blocks. */
  bodyHtml: string;
  /** Plain-text blocks, in the same order. */
  bodyText: string;
  action?: { label: string; url: string };
  /** Why the reader gets this, and the links to change it. */
  footer: { note: string; manageUrl?: string; unsubscribeUrl?: string };
}

export function renderHtml(c: EmailContent): string {
  const tone = TONE_COLOR[c.tone];
  const action = c.action
    ? `<p style="margin:22px 0 6px"><a href="${escapeHtml(c.action.url)}" style="display:inline-block;background:#0f172a;color:#ffffff;text-decoration:none;font-weight:600;padding:10px 18px;border-radius:6px">${escapeHtml(c.action.label)}</a></p>
<p style="margin:0;font-size:12px;color:#475569;word-break:break-all">${escapeHtml(c.action.url)}</p>`
    : "";
  const links = [
    c.footer.manageUrl
      ? `<a href="${escapeHtml(c.footer.manageUrl)}" style="color:#334155">Manage your subscription</a>`
      : "",
    c.footer.unsubscribeUrl
      ? `<a href="${escapeHtml(c.footer.unsubscribeUrl)}" style="color:#334155">Unsubscribe</a>`
      : "",
  ].filter(Boolean);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light"><title>${escapeHtml(c.heading)}</title></head>
<body style="margin:0;padding:0;background:#f1f5f9;font-family:${FONT};color:#0f172a">
<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(c.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f1f5f9"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px;border-top:6px solid ${tone.bar}">
<tr><td style="padding:22px 28px 6px;font-size:13px;color:#475569">${escapeHtml(c.siteName)}</td></tr>
<tr><td style="padding:4px 28px 0"><span style="display:inline-block;background:${tone.badgeBg};color:${tone.badgeFg};font-size:12px;font-weight:700;padding:3px 8px;border-radius:4px">${escapeHtml(c.badge)}</span></td></tr>
<tr><td style="padding:10px 28px 4px"><h1 style="margin:0 0 12px;font-size:20px;line-height:1.3">${escapeHtml(c.heading)}</h1></td></tr>
<tr><td style="padding:0 28px 22px;font-size:15px">${c.bodyHtml}${action}</td></tr>
<tr><td style="padding:16px 28px 22px;border-top:1px solid #e2e8f0;font-size:12px;color:#475569;line-height:1.5">${escapeHtml(c.footer.note)}${links.length ? `<br>${links.join(" · ")}` : ""}</td></tr>
</table></td></tr></table>
</body></html>`;
}

export function renderText(c: EmailContent): string {
  const lines = [c.siteName, "", `[${c.badge}] ${c.heading}`, "", c.bodyText.trim(), ""];
  if (c.action) lines.push(`${c.action.label}: ${c.action.url}`, "");
  lines.push("--", c.footer.note);
  if (c.footer.manageUrl) lines.push(`Manage your subscription: ${c.footer.manageUrl}`);
  if (c.footer.unsubscribeUrl) lines.push(`Unsubscribe: ${c.footer.unsubscribeUrl}`);
  return `${lines.join("\n")}\n`;
}
