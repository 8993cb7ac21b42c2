// The Prisma client, one per process, over the pg driver adapter.
import { PrismaPg } from "@prisma/adapter-pg";
import { AppError } from "./errors.ts";
import { getEnv } from "./env.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;
export type { Prisma } from "./generated/prisma/client.ts";

const globalForDb = globalThis as unknown as { bellwetherDb?: PrismaClient };

export function createDb(databaseUrl: string, options: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.max ?? 10 });
  return new PrismaClient({ adapter });
}

/** The process-wide client; survives Next's module reloads in development. */
export function db(): PrismaClient {
  if (globalForDb.bellwetherDb) return globalForDb.bellwetherDb;
  const url = getEnv().DATABASE_URL;
  if (!url) {
    throw new AppError(
      "UNAVAILABLE",
      "DATABASE_URL is not set: start Bellwether with `npm run demo`, `npm run dev` or `npm start`.",
    );
  }
  globalForDb.bellwetherDb = createDb(url);
  return globalForDb.bellwetherDb;
}
