// Prisma 7 CLI configuration. The app applies migrations itself (src/db/migrator.ts);
// `prisma migrate deploy` reads the same folder for those who have Prisma's schema engine.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/servicedesk" },
});
