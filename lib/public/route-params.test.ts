import { expect, it } from "vitest";
import { componentQuerySchema, idParam, keyParam } from "./route-params.ts";

it("lets only plausible ids and keys reach a query", () => {
  expect(idParam.safeParse("cm3x9k2p50000abcd").success).toBe(true);
  expect(idParam.safeParse("../admin").success).toBe(false);
  expect(keyParam.safeParse("us-central1.gcp").success).toBe(true);
  expect(keyParam.safeParse("US-CENTRAL1").success).toBe(false);
  expect(keyParam.safeParse("").success).toBe(false);
});

it("falls back to the defaults for a bad range or region instead of failing the page", () => {
  expect(componentQuerySchema.parse({})).toEqual({ range: "24h", region: null });
  expect(componentQuerySchema.parse({ range: "7d", region: "eu-central-1.aws" })).toEqual({
    range: "7d",
    region: "eu-central-1.aws",
  });
  expect(componentQuerySchema.parse({ range: "1y", region: "<b>" })).toEqual({ range: "24h", region: null });
  expect(componentQuerySchema.parse({ range: ["30d", "7d"], region: "" })).toEqual({ range: "30d", region: null });
});
