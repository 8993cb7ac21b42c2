/** URL schemes a rendered link may carry; relative paths and #fragments are allowed too. */
export const SAFE_LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

/** rehype-sanitize's own test, reused so the PDF and text parts show exactly the URLs the page links. */
export function isSafeUrl(url: string): boolean {
  const colon = url.indexOf(":");
  if (colon < 0) return true;
  const delimiter = url.search(/[/?#]/);
  if (delimiter > -1 && delimiter < colon) return true;
  return (SAFE_LINK_PROTOCOLS as readonly string[]).includes(url.slice(0, colon));
}
