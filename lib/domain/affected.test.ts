import { expect, it } from "vitest";
import { groupAffectedByComponent } from "./affected.ts";

it("names each component once with its regions, in the order given", () => {
  const row = (componentKey: string, regionKey: string) => ({
    componentKey,
    componentName: componentKey.toUpperCase(),
    regionKey,
  });
  expect(
    groupAffectedByComponent([
      row("checkout", "us-central1.gcp"),
      row("search", "eu-central-1.aws"),
      row("checkout", "us-east-2.aws"),
      row("checkout", "us-east-2.aws"),
    ]),
  ).toEqual([
    { componentKey: "checkout", componentName: "CHECKOUT", regionKeys: ["us-central1.gcp", "us-east-2.aws"] },
    { componentKey: "search", componentName: "SEARCH", regionKeys: ["eu-central-1.aws"] },
  ]);
});
