// Escaping for everything Bellwether writes as XML (Atom, RSS, SVG badges).
// Titles and messages are typed by people, so every one goes through here.

/** XML 1.0's Char production: anything else makes the whole document unparseable. */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/** Drops characters XML cannot carry at all (NUL, most C0 controls, lone surrogates). */
export function stripInvalidXmlChars(value: string): string {
  let out = "";
  // for…of walks code points, so a valid surrogate pair stays whole and a lone half is dropped.
  for (const char of value) {
    if (isXmlChar(char.codePointAt(0)!)) out += char;
  }
  return out;
}

/** Text content of an element. */
export function xmlText(value: string): string {
  return stripInvalidXmlChars(value).replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** An attribute value in double or single quotes; whitespace kept as typed rather than normalised away. */
export function xmlAttr(value: string): string {
  return xmlText(value)
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;")
    .replaceAll("\t", "&#9;")
    .replaceAll("\n", "&#10;")
    .replaceAll("\r", "&#13;");
}
