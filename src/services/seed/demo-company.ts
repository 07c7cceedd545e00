// Seeds a small demo company by importing its CSV files through the import service, so the demo
// exercises the same validation and upserts an admin's files go through. Idempotent: a second run
// on the same day finds everything unchanged (the audit log records each run).
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { AppError } from "../../errors";
import type { Log } from "../../logger";
import { isoDay, toUtcDate } from "../import/dates";
import type { ImportKind } from "../import/definition";
import { importCsv } from "../import/run-import";
import { demoCompanyFiles } from "./demo-data";

export const DEMO_SEED_ACTOR = "system:seed-demo";

export type SeedSummary = Partial<Record<ImportKind, { created: number; updated: number; unchanged: number }>>;

export async function seedDemoCompany(deps: { db: Db; clock: Clock; log: Log }, options: { adminSlackIds?: string[] } = {}): Promise<SeedSummary> {
  const today = toUtcDate(isoDay(deps.clock.now()))!;
  const summary: SeedSummary = {};
  for (const [kind, csvText] of demoCompanyFiles(today, options.adminSlackIds ?? [])) {
    const { created, updated, unchanged, errors } = await importCsv(deps, { kind, csvText, actor: DEMO_SEED_ACTOR, fileName: `demo-${kind}.csv` });
    if (errors.length > 0) {
      // The demo data is ours, so a rejected row is a bug in it, not a user's mistake.
      const lines = errors.map((error) => `line ${error.line}: ${error.message}`).join("; ");
      throw new AppError("INTERNAL", { message: `demo ${kind} data was rejected: ${lines}`, details: { kind, errors } });
    }
    summary[kind] = { created, updated, unchanged };
  }
  deps.log.info("demo company seeded", { summary });
  return summary;
}
