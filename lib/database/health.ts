import { db } from "../db.ts";

/** True when the database answers a trivial query. */
export async function checkDatabase(): Promise<boolean> {
  try {
    await db().$queryRaw`SELECT 1`;
    return true;
  } catch (error) {
    console.error("[bellwether] database health check failed", error);
    return false;
  }
}
