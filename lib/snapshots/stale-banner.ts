// The notice a reader sees when live data is unavailable: the last good page,
// with a banner right after <body …> saying from when it is.

function ageText(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "less than a minute ago";
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} hours ago` : `${Math.floor(hours / 24)} days ago`;
}

/** The last good page with a notice right after <body …>: live data is unavailable, this is from then. */
export function withStaleBanner(body: Buffer, renderedAt: number, now: number): Buffer {
  const html = body.toString("utf8");
  const open = html.search(/<body[\s>]/i);
  const end = open < 0 ? -1 : html.indexOf(">", open);
  if (end < 0) return body;
  const at = `${new Date(renderedAt).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const banner =
    `<div role="status" data-stale-snapshot style="background:#fef3c7;color:#451a03;border-bottom:2px solid #b45309;padding:.6rem 1rem;font:600 .95rem/1.4 system-ui,sans-serif;text-align:center">` +
    `Live status is temporarily unavailable. This page shows the status as of ${at} (${ageText(now - renderedAt)}); it refreshes by itself when we are back.</div>`;
  return Buffer.from(html.slice(0, end + 1) + banner + html.slice(end + 1), "utf8");
}
