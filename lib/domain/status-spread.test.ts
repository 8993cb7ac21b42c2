import { expect, it } from "vitest";
import { describeSpread } from "./status-spread.ts";

const regions = { one: "region", many: "regions" };

it("names where it is broken, worst first, and counts where it is fine", () => {
  expect(
    describeSpread(
      [
        { name: "europe-west1.gcp", status: "operational" },
        { name: "us-central1.gcp", status: "major_outage" },
        { name: "eu-central-1.aws", status: "degraded_performance" },
        { name: "us-east-2.aws", status: "operational" },
      ],
      regions,
    ),
  ).toBe(
    "Major outage in us-central1.gcp; Degraded performance in eu-central-1.aws; operational in the other 2 regions.",
  );
});

it("says all is well plainly, and never calls unmeasured operational", () => {
  expect(
    describeSpread(
      [
        { name: "a", status: "operational" },
        { name: "b", status: "operational" },
      ],
      regions,
    ),
  ).toBe("Operational in all 2 regions.");
  expect(describeSpread([{ name: "a", status: "operational" }], regions)).toBe("Operational in its only region.");
  expect(
    describeSpread(
      [
        { name: "a", status: null },
        { name: "b", status: null },
      ],
      regions,
    ),
  ).toBe("No data yet in all 2 regions.");
  expect(
    describeSpread(
      [
        { name: "a", status: "operational" },
        { name: "b", status: null },
      ],
      regions,
    ),
  ).toBe("Operational in 1 region; no data yet in 1 region.");
});

it("counts instead of naming when many share a status", () => {
  const down = ["a", "b", "c", "d"].map((name) => ({ name, status: "partial_outage" as const }));
  expect(describeSpread(down, { one: "component", many: "components" })).toBe("Partial outage in 4 components.");
});
