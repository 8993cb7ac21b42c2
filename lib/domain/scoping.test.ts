import { describe, expect, it } from "vitest";
import { type AffectedComponentRegion, type SubscriberScope, scopeCovers } from "./scoping.ts";

const checkoutUs: AffectedComponentRegion = { componentId: "checkout", regionId: "us", tier: "TIER_1" };
const importEu: AffectedComponentRegion = { componentId: "import", regionId: "eu", tier: "TIER_2" };
const scope = (s: Partial<SubscriberScope>): SubscriberScope => ({
  all: false,
  tier1Only: false,
  regionIds: [],
  componentIds: [],
  ...s,
});

describe("scopeCovers", () => {
  it("reaches everyone who chose everything", () => {
    expect(scopeCovers(scope({ all: true }), [importEu])).toBe(true);
  });

  it("narrows everything to tier 1 when asked", () => {
    expect(scopeCovers(scope({ all: true, tier1Only: true }), [importEu])).toBe(false);
    expect(scopeCovers(scope({ all: true, tier1Only: true }), [importEu, checkoutUs])).toBe(true);
  });

  it("needs the region when only regions were chosen", () => {
    expect(scopeCovers(scope({ regionIds: ["us"] }), [checkoutUs])).toBe(true);
    expect(scopeCovers(scope({ regionIds: ["eu"] }), [checkoutUs])).toBe(false);
  });

  it("needs both when regions and components were chosen, on the same ComponentRegion", () => {
    const s = scope({ regionIds: ["eu"], componentIds: ["checkout"] });
    expect(scopeCovers(s, [checkoutUs, importEu])).toBe(false);
    expect(scopeCovers(s, [{ ...checkoutUs, regionId: "eu" }])).toBe(true);
  });

  it("covers nothing with an empty narrow scope, and platform-wide notices reach only 'everything'", () => {
    expect(scopeCovers(scope({}), [checkoutUs])).toBe(false);
    expect(scopeCovers(scope({ all: true }), [])).toBe(true);
    expect(scopeCovers(scope({ regionIds: ["us"] }), [])).toBe(false);
  });
});
