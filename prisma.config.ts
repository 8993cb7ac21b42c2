// Prisma CLI configuration. Prisma 7 reads no .env by itself; migrations run
// through scripts/db-migrate.ts (the offline WebAssembly engine), so the URL
// here only matters to someone running the native `prisma migrate deploy`.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/bellwether" },
});
