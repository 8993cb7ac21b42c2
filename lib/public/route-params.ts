// Route parameters and query strings are checked before they reach a query:
// anything that cannot be an id or a key is simply "not found", and a bad
// option falls back to its default.
import { z } from "zod";
import { LATENCY_RANGE_KEYS, type LatencyRangeKey } from "../domain/latency-series.ts";

export const idParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const keyParam = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,99}$/);

const one = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const componentQuerySchema = z.object({
  range: z
    .preprocess(one, z.enum(LATENCY_RANGE_KEYS as [LatencyRangeKey, ...LatencyRangeKey[]]).catch("24h"))
    .default("24h"),
  region: z.preprocess((v) => one(v) || null, keyParam.nullable().catch(null)).default(null),
});
