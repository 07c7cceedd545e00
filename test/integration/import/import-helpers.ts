// Shared by the import tests: run an import as an admin would, against the test database.
import { fixedClock } from "../../../src/clock";
import { silentLog } from "../../../src/logger";
import type { ImportKind } from "../../../src/services/import/definition";
import { importCsv } from "../../../src/services/import/run-import";
import type { TestDatabase } from "../../support/db";

export const ADMIN = "U0ADMIN01";

export function importer(db: { readonly current: TestDatabase }, clock = fixedClock("2026-06-15T03:00:00Z")) {
  return (kind: ImportKind, csvText: string, fileName?: string) =>
    importCsv({ db: db.current.prisma, clock, log: silentLog }, { kind, csvText, actor: ADMIN, fileName });
}

/** CSV text from lines; the first line is the header, line 1 of the file. */
export function csv(...lines: string[]): string {
  return lines.join("\n") + "\n";
}

export function day(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}
