import { describe, expect, it } from "vitest";
import { presetScope } from "./scope-preset.ts";

const choices = {
  regions: [{ id: "r1", key: "europe-west1.gcp", name: "Belgium" }],
  components: [{ id: "c1", key: "checkout", name: "Checkout", tier: "TIER_1" as const, product: "Checkout" }],
};

describe("presetScope", () => {
  it("opens the form with the linked region or component chosen", () => {
    expect(presetScope(choices, { region: "europe-west1.gcp" })).toEqual({
      scope: { all: false, tier1Only: false, regionIds: ["r1"], componentIds: [] },
      label: "europe-west1.gcp (Belgium)",
    });
    expect(presetScope(choices, { component: "checkout", region: "europe-west1.gcp" })?.label).toBe(
      "Checkout in europe-west1.gcp (Belgium)",
    );
  });

  it("ignores keys that do not exist", () => {
    expect(presetScope(choices, { region: "mars-1" })).toBeNull();
    expect(presetScope(choices, {})).toBeNull();
  });
});
