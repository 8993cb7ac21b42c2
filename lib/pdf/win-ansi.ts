// pdfkit's standard fonts (Helvetica, Courier) encode text as WinAnsi: Latin-1
// plus 27 typographic characters. Anything else would print as a wrong glyph,
// so it is folded to its base letter (ő → o) or replaced with "?".

const EXTRA = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018,
  0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
]);

const REPLACEMENT = "?";

function encodable(code: number): boolean {
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || EXTRA.has(code);
}

function fold(char: string): string {
  const code = char.codePointAt(0)!;
  if (encodable(code)) return char;
  if (char === "\t") return "    ";
  if (char === "\u00a0" || /\s/.test(char)) return " ";
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return "";
  if (/[\u200b-\u200d\u2060\ufeff]/.test(char)) return ""; // zero-width characters
  const base = char.normalize("NFKD").replace(/\p{M}/gu, "");
  return base && [...base].every((c) => encodable(c.codePointAt(0)!)) ? base : REPLACEMENT;
}

/** Text the standard fonts can print; line breaks survive, everything else outside WinAnsi is folded. */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const line of text.split(/\r\n|\r|\n/).entries()) {
    if (line[0] > 0) out += "\n";
    for (const char of line[1]) out += fold(char);
  }
  return out;
}
