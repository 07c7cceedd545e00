// What each kind of import provides to the shared runner (run-import.ts): the row schema, the
// natural key, the cross-reference checks against the database, and how one row is written.
import type { z } from "zod";
import type { DbOrTx, Tx } from "../../db";
import type { ArrivalLimits } from "../../domain/deadline";

export const IMPORT_KINDS = ["branches", "staff", "customers", "equipment", "contracts", "parts", "stock"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface RowError {
  /** Line of the file, the header being line 1. */
  line: number;
  message: string;
}

export interface Located<Row> {
  line: number;
  row: Row;
}

export type WriteOutcome = "created" | "updated" | "unchanged";

/** What a row's write may need besides its plan: when, by whom, and R6's limits for deadlines it moves. */
export interface WriteContext {
  now: Date;
  actor: string;
  arrivalLimits: ArrivalLimits;
  /** R6: counts the open calls whose deadline a calendar change moved (branches). */
  deadlinesMoved(count: number): void;
}

/** Records a problem with the row on `line`; `column` prefixes the message when given. */
export type Report = (line: number, message: string, column?: string) => void;

export interface ImportDefinition<Row, Plan> {
  kind: ImportKind;
  /** One zod schema per column (snake_case header names); blank cells reach it as undefined. */
  schema: z.ZodType<Row> & { shape: Record<string, z.ZodType> };
  /** Columns of the natural key upserts match on, to reject a row repeated inside the file. */
  key: readonly string[];
  /**
   * Checks references to other records and turns each good row into what `write` needs. `columns`
   * are the file's header names: a column left out of the file leaves what it would set alone (`locale`).
   */
  resolve(db: DbOrTx, rows: Located<Row>[], report: Report, columns: readonly string[]): Promise<Plan[]>;
  /** Creates or updates the record of one row, inside the import's transaction. */
  write(tx: Tx, plan: Plan, context: WriteContext): Promise<WriteOutcome>;
}
