// The accessibility check every page gets: axe with the WCAG 2.1 A and AA rules, in light and dark mode, failing on
// any serious or critical violation, each listed with the scheme and the elements it was found on.
//
// The two schemes differ only in colour: dark mode is the CSS media query prefers-color-scheme (Tailwind's `dark:`),
// nothing in the markup or in a script depends on it. So the page is loaded once: every rule runs in light mode,
// then, the same page switched to dark, the rules that read colour. Loading and checking every page whole twice cost
// the browser suite 44 of its 366 s here.
//
// Each check runs axe.run in the page (AxeBuilder's legacy mode), not runPartial in each frame and finishRun in a
// blank page opened for it: no page here has an iframe, which is all that mode adds, and the blank page and the
// second injection cost more than the rules. Light and dark together, in CPU-s: 2.65 → 1.14 on /, 0.90 → 0.41 on
// /history, 0.90 → 0.38 on /admin/sign-in (five runs each, desktop).
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** The WCAG 2.1 A and AA rules whose outcome depends on colours. */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

export async function expectNoSeriousViolations(page: Page, where?: string) {
  const found: string[] = [];
  const check = async (scheme: "light" | "dark", builder: AxeBuilder) => {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await builder.analyze();
    for (const v of results.violations) {
      if (v.impact !== "serious" && v.impact !== "critical") continue;
      const prefix = where ? `${where} (${scheme})` : scheme;
      found.push(`${prefix} — ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    }
  };
  await check("light", new AxeBuilder({ page }).setLegacyMode().withTags(WCAG_21_AA));
  await check("dark", new AxeBuilder({ page }).setLegacyMode().withRules(COLOUR_RULES));
  expect(found).toEqual([]);
}
