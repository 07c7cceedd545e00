// Issue 15: the sandbox's Slack side survives a restart like its database. A call registered
// before the restart is still in the dispatch channel afterwards, and the bot's update of its
// ticket message (on assigning) is accepted, not refused as message_not_found.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { silentLog } from "../../../src/logger";
import { startDesk, type Desk } from "../../../src/sandbox/desk";
import { ACTIONS, BLOCKS, INPUTS } from "../../../src/views/ids";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { eventually } from "../../support/eventually";

const SEOUL_DISPATCH = "C0DEMOSEL1";
const DISPATCHER = "U0DEMO002";

let database: TestDatabase;
let dir: string;
let desk: Desk | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "sandbox-desk-restart-"));
});

afterAll(async () => {
  await desk?.stop();
  await database?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

// Monday 30 November 2026, 10:00 in Seoul: working hours.
const start = (now = new Date("2026-11-30T10:00:00+09:00")) =>
  startDesk({ databaseUrl: database.url, now, log: silentLog, frozen: true, slackStateFile: path.join(dir, "slack-workspace.json") });

describe("the sandbox's desk after a restart", () => {
  it("shows the channels as they were and the bot updates its older ticket message", async () => {
    desk = await start();
    expect(desk.slackState).toEqual({ kind: "absent" });
    const customer = await database.prisma.customer.findFirstOrThrow({ where: { branch: { code: "SEOUL" }, equipment: { some: {} } }, include: { equipment: true }, orderBy: { id: "asc" } });

    // R2: the dispatcher registers a call for a customer's equipment; the bot posts the ticket message.
    let slack = desk.slack;
    await slack.driver.sendCommand({ text: "new", userId: DISPATCHER, channelId: SEOUL_DISPATCH });
    const intake = await slack.waitFor((fake) => fake.openModal(DISPATCHER));
    await slack.driver.sendBlockActions({ userId: DISPATCHER, view: intake, actions: [{ action_id: ACTIONS.intakeCustomerSelect, block_id: BLOCKS.intakeCustomer, value: String(customer.id) }] });
    const withEquipment = await slack.waitFor((fake) => {
      const view = fake.openModal(DISPATCHER);
      return view && JSON.stringify(view).includes(ACTIONS.intakeEquipmentSelect) ? view : undefined;
    });
    const submitted = await slack.driver.sendViewSubmission({
      userId: DISPATCHER,
      view: withEquipment,
      values: { [BLOCKS.intakeEquipment]: { [ACTIONS.intakeEquipmentSelect]: String(customer.equipment[0].id) }, [BLOCKS.intakeFault]: { [INPUTS.fault]: "Compressor trips after ten minutes" } },
    });
    expect(submitted.problems).toEqual([]);
    const ticket = await waitForTicket();
    const posted = await slack.waitFor((fake) => fake.messagesIn(SEOUL_DISPATCH).find((message) => message.text.includes(ticket.voucherNo)));
    // The thread's first reply comes from the outbox; wait for it so the thread is complete at stop.
    await slack.waitFor((fake) => fake.messagesIn(SEOUL_DISPATCH, posted.ts).find((reply) => reply.text.includes("registered the call")));
    const threadBefore = slack.messagesIn(SEOUL_DISPATCH, posted.ts);
    await desk.stop();
    desk = undefined;

    // Restarted on the same database and data directory, a minute later on the clock.
    desk = await start(new Date("2026-11-30T10:01:00+09:00"));
    slack = desk.slack;
    expect(desk.slackState).toMatchObject({ kind: "loaded" });
    expect(slack.messagesIn(SEOUL_DISPATCH).find((message) => message.ts === posted.ts)).toMatchObject({ text: posted.text, blocks: posted.blocks });
    expect(slack.messagesIn(SEOUL_DISPATCH, posted.ts)).toEqual(threadBefore);

    // R5: assigning updates the ticket message the bot posted before the restart.
    const message = slack.messagesIn(SEOUL_DISPATCH).find((candidate) => candidate.ts === posted.ts)!;
    await slack.driver.sendBlockActions({ userId: DISPATCHER, message, actions: [{ action_id: ACTIONS.ticketAssign }] });
    const assign = await slack.waitFor((fake) => fake.openModal(DISPATCHER));
    const technician = await database.prisma.staff.findFirstOrThrow({ where: { slackUserId: "U0DEMO004" } });
    const assigned = await slack.driver.sendViewSubmission({ userId: DISPATCHER, view: assign, values: { [BLOCKS.assignTechnician]: { [INPUTS.technician]: String(technician.id) } } });
    expect(assigned.problems).toEqual([]);
    const [update] = await slack.waitFor({ method: "chat.update", where: (args) => args.ts === posted.ts });
    await slack.waitFor(() => update.response);
    expect(update.response).toMatchObject({ ok: true, ts: posted.ts });
    expect(slack.messagesIn(SEOUL_DISPATCH).find((candidate) => candidate.ts === posted.ts)?.edited).toBeDefined();
    // New messages carry on after the old ones: no ts is handed out twice.
    const newest = await slack.waitFor((fake) => fake.messagesIn(SEOUL_DISPATCH, posted.ts).find((reply) => !threadBefore.some((old) => old.ts === reply.ts)));
    // Same shape ("seconds.micro", 10 + 6 digits): string order is time order.
    expect(newest.ts > threadBefore.at(-1)!.ts).toBe(true);
  }, 60_000);
});

async function waitForTicket() {
  const where = { faultDescription: "Compressor trips after ten minutes" };
  await eventually(async () => (await database.prisma.ticket.count({ where })) === 1, 10_000, "the call's registration");
  return database.prisma.ticket.findFirstOrThrow({ where });
}
