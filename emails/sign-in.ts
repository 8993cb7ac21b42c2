// The console's emails: a sign-in link, and "you have been added". Pure:
// (data) → { subject, text, html }; everything a user typed is escaped.

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

function page(paragraphs: string[], button: { href: string; label: string }): string {
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`).join("");
  return `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:32rem;margin:0 auto;padding:24px">${body}<p style="margin:24px 0"><a href="${escapeHtml(button.href)}" style="background:#0f172a;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(button.label)}</a></p><p style="margin:0;color:#475569;font-size:14px">Bellwether – commerce platform status</p></body></html>`;
}

export function signInEmail(data: { url: string; host: string; validMinutes: number }): RenderedEmail {
  const lines = [
    `Use this link to sign in to the Bellwether console at ${data.host}. It works once and expires in ${data.validMinutes} minutes.`,
    "If you did not ask for it, you can ignore this email.",
  ];
  return {
    subject: `Sign in to Bellwether (${data.host})`,
    text: `${lines[0]}\n\n${data.url}\n\n${lines[1]}\n`,
    html: page(lines, { href: data.url, label: "Sign in to Bellwether" }),
  };
}

export function userAddedEmail(data: { signInUrl: string; roleLabel: string; addedBy: string }): RenderedEmail {
  const lines = [
    `${data.addedBy} added you to the Bellwether console as ${data.roleLabel}.`,
    "Sign in with this email address: we send you a one-time link, no password needed.",
  ];
  return {
    subject: "You have been added to Bellwether",
    text: `${lines[0]}\n\n${lines[1]}\n\n${data.signInUrl}\n`,
    html: page(lines, { href: data.signInUrl, label: "Go to sign-in" }),
  };
}
