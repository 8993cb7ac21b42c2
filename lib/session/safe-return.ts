// Where the console sends someone after signing in: a console path on this
// site and nowhere else. The address is parsed first and its resolved
// pathname checked — "/admin/../..//evil.example" starts with /admin but
// leaves it — and the normalised path is what is returned.

const BASE = "http://return.invalid";

export function safeReturn(value: string | string[] | undefined, fallback = "/admin"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.includes("\\")) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  if (url.pathname !== "/admin" && !url.pathname.startsWith("/admin/")) return fallback;
  return `${url.pathname}${url.search}`;
}
