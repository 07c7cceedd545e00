// The shared import runner: read the CSV, check the header, validate every row and every
// reference, and only when the whole file is good write it in one transaction with its audit row.
// A file is all or nothing, so a person fixes the listed lines and imports the same file again.
import type { Clock } from "../../clock";
import type { Db, DbOrTx, Tx } from "../../db";
import { DEFAULT_ARRIVAL_LIMITS, type ArrivalLimits } from "../../domain/deadline";
import { AppError } from "../../errors";
import type { Log } from "../../logger";
import { branchesImport } from "./branches";
import { contractsImport } from "./contracts";
import { CsvSyntaxError, readCsv, type CsvLine, type CsvTable } from "./csv";
import { customersImport } from "./customers";
import { IMPORT_KINDS, type ImportDefinition, type ImportKind, type Located, type Report, type RowError, type WriteContext, type WriteOutcome } from "./definition";
import { equipmentImport } from "./equipment";
import { partsImport } from "./parts";
import { staffImport } from "./staff";
import { stockImport } from "./stock";

export interface ImportDeps {
  db: Db;
  clock: Clock;
  log: Log;
  /** R6 limits (config ARRIVAL_HOURS_*), for the deadlines a calendar change moves; 6 and 7 by default. */
  arrivalLimits?: ArrivalLimits;
}

export interface ImportOptions {
  kind: ImportKind;
  csvText: string;
  /** Slack user id of whoever imports, or e.g. "cli:alice"; recorded in the audit log. */
  actor: string;
  /** Recorded in the audit log, so the import can be traced back to its file. */
  fileName?: string;
}

export interface ImportResult {
  kind: ImportKind;
  created: number;
  updated: number;
  unchanged: number;
  /** Every problem found, by line; when there is any, nothing was written. */
  errors: RowError[];
  /**
   * R6: open calls whose arrival deadline a branch's calendar change moved (branches only). Their
   * Slack threads are told by the running bot (the outbox).
   */
  deadlinesMoved: number;
}

const TRANSACTION_TIMEOUT_MS = 60_000;

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

export async function importCsv(deps: ImportDeps, options: ImportOptions): Promise<ImportResult> {
  switch (options.kind) {
    case "branches":
      return runImport(branchesImport, deps, options);
    case "staff":
      return runImport(staffImport, deps, options);
    case "customers":
      return runImport(customersImport, deps, options);
    case "equipment":
      return runImport(equipmentImport, deps, options);
    case "contracts":
      return runImport(contractsImport, deps, options);
    case "parts":
      return runImport(partsImport, deps, options);
    case "stock":
      return runImport(stockImport, deps, options);
    default:
      throw new AppError("VALIDATION", { message: `unknown import kind "${String(options.kind)}"`, details: { kinds: IMPORT_KINDS } });
  }
}

async function runImport<Row, Plan>(definition: ImportDefinition<Row, Plan>, deps: ImportDeps, options: ImportOptions): Promise<ImportResult> {
  const { kind } = definition;
  const checked = await validateFile(definition, deps.db, options.csvText);
  if (!checked.ok) {
    deps.log.info("import rejected", { kind, fileName: options.fileName, errors: checked.errors.length });
    return { kind, created: 0, updated: 0, unchanged: 0, errors: checked.errors, deadlinesMoved: 0 };
  }
  let deadlinesMoved = 0;
  const counts = await deps.db.$transaction(
    async (tx) => {
      deadlinesMoved = 0;
      const context: WriteContext = {
        now: deps.clock.now(),
        actor: options.actor,
        arrivalLimits: deps.arrivalLimits ?? { ...DEFAULT_ARRIVAL_LIMITS },
        deadlinesMoved: (count) => void (deadlinesMoved += count),
      };
      const tally: Record<WriteOutcome, number> = { created: 0, updated: 0, unchanged: 0 };
      for (const plan of checked.plans) tally[await definition.write(tx, plan, context)]++;
      await recordImport(tx, deps.clock, options, tally);
      return tally;
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
  );
  deps.log.info("import finished", { kind, fileName: options.fileName, ...counts, deadlinesMoved });
  return { kind, ...counts, errors: [], deadlinesMoved };
}

type Checked<Plan> = { ok: true; plans: Plan[] } | { ok: false; errors: RowError[] };

async function validateFile<Row, Plan>(definition: ImportDefinition<Row, Plan>, db: DbOrTx, csvText: string): Promise<Checked<Plan>> {
  const errors: RowError[] = [];
  const report: Report = (line, message, column) => errors.push({ line, message: column ? `${column}: ${message}` : message });

  const read = readTable(csvText);
  if ("error" in read) return { ok: false, errors: [read.error] };
  const { table } = read;

  const columns = readHeader(table.header, Object.keys(definition.schema.shape), requiredColumns(definition), report);
  if (!columns) return { ok: false, errors };

  const records = table.rows.flatMap((line) => toRecord(columns, line, report));
  const rows = records.flatMap((record) => parseRow(definition, record, report));
  rejectRepeatedKeys(definition.key, records, report);
  // References are checked even when other rows failed, so one pass lists every problem.
  const plans = await definition.resolve(db, rows, report, columns);
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  return { ok: true, plans };
}

function readTable(csvText: string): { table: CsvTable } | { error: RowError } {
  let table: CsvTable | null;
  try {
    table = readCsv(csvText);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { error: { line: error.line, message: error.message } };
    throw error;
  }
  if (!table) return { error: { line: 1, message: "the file is empty: expected a header row" } };
  if (table.rows.length === 0) return { error: { line: table.header.line, message: "no rows below the header" } };
  return { table };
}

function normaliseHeader(cell: string): string {
  return cell.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

/** Columns whose cells may not be blank must be in the header too. */
function requiredColumns(definition: ImportDefinition<unknown, unknown>): string[] {
  return Object.entries(definition.schema.shape)
    .filter(([, schema]) => !schema.safeParse(undefined).success)
    .map(([column]) => column);
}

function readHeader(header: CsvLine, known: string[], required: string[], report: Report): string[] | null {
  const columns = header.cells.map(normaliseHeader);
  const problems: string[] = [];
  const unknown = columns.filter((column) => column !== "" && !known.includes(column));
  const repeated = columns.filter((column, index) => column !== "" && columns.indexOf(column) !== index);
  const missing = required.filter((column) => !columns.includes(column));
  if (columns.includes("")) problems.push("a column has no name");
  if (unknown.length) problems.push(`unknown column(s) ${unknown.join(", ")} (expected ${known.join(", ")})`);
  if (repeated.length) problems.push(`column(s) ${[...new Set(repeated)].join(", ")} appear more than once`);
  if (missing.length) problems.push(`missing column(s) ${missing.join(", ")}`);
  for (const problem of problems) report(header.line, problem);
  return problems.length ? null : columns;
}

interface CellRecord {
  line: number;
  /** Non-blank cells by column. */
  cells: Record<string, string>;
}

function toRecord(columns: string[], { line, cells }: CsvLine, report: Report): CellRecord[] {
  // Fewer cells than columns is fine (some tools drop trailing empty cells); more means a stray comma.
  if (cells.length > columns.length) {
    report(line, `${cells.length} cells but the header has ${columns.length} columns (a value containing a comma must be in double quotes)`);
    return [];
  }
  const record: Record<string, string> = {};
  columns.forEach((column, index) => {
    const cell = cells[index];
    if (cell !== undefined && cell !== "") record[column] = cell;
  });
  return [{ line, cells: record }];
}

/** Compares the key cells as typed, so a repeat is found even when either row has other faults. */
function rejectRepeatedKeys(key: readonly string[], records: CellRecord[], report: Report): void {
  const firstLine = new Map<string, number>();
  for (const { line, cells } of records) {
    const values = key.map((column) => cells[column]);
    if (values.some((value) => value === undefined)) continue;
    const text = values.join(" ");
    const earlier = firstLine.get(text);
    if (earlier === undefined) firstLine.set(text, line);
    else report(line, `duplicate ${key.join(" and ")} "${text}" (already on line ${earlier})`);
  }
}

function parseRow<Row>(definition: ImportDefinition<Row, unknown>, { line, cells }: CellRecord, report: Report): Located<Row>[] {
  const parsed = definition.schema.safeParse(cells);
  if (parsed.success) return [{ line, row: parsed.data }];
  // Zod goes on checking a cell after its first failed check; one reason per cell reads better.
  const reported = new Set<string>();
  for (const issue of parsed.error.issues) {
    const column = issue.path.length ? String(issue.path[0]) : "";
    if (reported.has(column)) continue;
    reported.add(column);
    const blank = column !== "" && cells[column] === undefined && issue.code === "invalid_type";
    report(line, blank ? "required" : issue.message, column || undefined);
  }
  return [];
}

async function recordImport(tx: Tx, clock: Clock, options: ImportOptions, counts: Record<WriteOutcome, number>): Promise<void> {
  const actorStaff = await tx.staff.findUnique({ where: { slackUserId: options.actor }, select: { id: true } });
  await tx.auditLog.create({
    data: {
      at: clock.now(),
      actor: options.actor,
      actorStaffId: actorStaff?.id ?? null,
      action: `import.${options.kind}`,
      entity: "Import",
      entityId: options.fileName ?? options.kind,
      data: { fileName: options.fileName ?? null, rows: counts.created + counts.updated + counts.unchanged, ...counts },
    },
  });
}
