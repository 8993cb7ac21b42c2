// The incident history page: its query (page, region, component) and the
// choices its filter form offers.
import { z } from "zod";
import type { Db } from "../db.ts";
import { getIncidentHistory, type IncidentPage } from "./incidents.ts";
import { CATALOG_COMPONENT_ORDER, REGION_ORDER } from "../catalog/order.ts";

const key = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9.-]{0,99}$/)
  .optional()
  .catch(undefined);

const one = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** Anything malformed in the address falls back to "no filter" / page 1 instead of failing. */
export const historyQuerySchema = z.object({
  page: z.preprocess(one, z.coerce.number().int().min(1).max(100_000).catch(1)).default(1),
  region: z.preprocess((v) => one(v) || undefined, key),
  component: z.preprocess((v) => one(v) || undefined, key),
});

export type HistoryQuery = z.infer<typeof historyQuerySchema>;

export interface HistoryPage extends IncidentPage {
  query: HistoryQuery;
  regions: { key: string; name: string }[];
  components: { key: string; name: string; productName: string }[];
}

export async function getHistoryPage(db: Db, query: HistoryQuery): Promise<HistoryPage> {
  const [page, regions, components] = await Promise.all([
    getIncidentHistory(db, { page: query.page, regionKey: query.region, componentKey: query.component }),
    db.region.findMany({ orderBy: REGION_ORDER, select: { key: true, name: true } }),
    db.component.findMany({
      orderBy: CATALOG_COMPONENT_ORDER,
      select: { key: true, name: true, product: { select: { name: true } } },
    }),
  ]);
  return {
    ...page,
    query,
    regions,
    components: components.map((c) => ({ key: c.key, name: c.name, productName: c.product.name })),
  };
}
