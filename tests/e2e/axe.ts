// The accessibility check every page gets: axe with the WCAG 2.1 A and AA rules, in light and dark mode, failing on
// any serious or critical violation, each listed with the scheme and the elements it was found on.
//
// The two schemes differ only in colour: dark mode is the CSS media query prefers-color-scheme (Tailwind's `dark:`),
// nothing in the markup or in a script depends on it. So the page is loaded once: every rule runs in light mode,
// then, the same page switched to dark, the rules that read colour. Loading and checking every page whole twice cost
// the browser suite 44 of its 366 s here.
//
// axe-core is put in the page once and run there (axe.run), asking for the details of violations only: no page here
// has an iframe, which is what @axe-core/playwright's per-frame runs and the blank page it opens to merge them are
// for, and the passes' details are never read. Light and dark together, in CPU-s (five runs each, desktop): on /,
// 2.65 with @axe-core/playwright's default, 1.26 in its legacy mode, 0.54 this way; on /history 0.90, 0.42, 0.19.
import axe from "axe-core";
import { expect, type Page } from "@playwright/test";

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** The WCAG 2.1 A and AA rules whose outcome depends on colours. */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

type Violation = { id: string; impact?: string | null; nodes: { target: unknown[] }[] };

export async function expectNoSeriousViolations(page: Page, where?: string) {
  await page.evaluate(axe.source);
  const found: string[] = [];
  const check = async (scheme: "light" | "dark", runOnly: axe.RunOnly) => {
    await page.emulateMedia({ colorScheme: scheme });
    const violations = await page.evaluate(
      async (options) =>
        (await (window as unknown as { axe: typeof axe }).axe.run(document, options)).violations as Violation[],
      { runOnly, resultTypes: ["violations"] } satisfies axe.RunOptions,
    );
    for (const v of violations) {
      if (v.impact !== "serious" && v.impact !== "critical") continue;
      const prefix = where ? `${where} (${scheme})` : scheme;
      found.push(`${prefix} — ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    }
  };
  await check("light", { type: "tag", values: WCAG_21_AA });
  await check("dark", { type: "rule", values: COLOUR_RULES });
  expect(found).toEqual([]);
}
