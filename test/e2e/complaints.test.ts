// R21/R22 end to end: complaints registered by /repair complaint, the ticket's Complaint button and the
// message shortcut; routed (serious → managers at once, general → the branch's directors); assigned,
// answered, resolved, the customer told and closed from the complaint message; R22's levels; and the
// 24-hour and one-month clocks on the ladder — through the real HTTP endpoint against the Slack fake.
import { complaintClocksJob } from "../../src/jobs/complaint-clocks";
import { runJob } from "../../src/jobs/runner";
import { silentLog } from "../../src/logger";
import { createServices } from "../../src/services";
import { enqueueTicketRefresh } from "../../src/services/outbox/enqueue";
import { ACTIONS, BLOCKS, INPUTS, SHORTCUTS } from "../../src/views/ids";
import { useTestApp } from "../support/app-harness";
import { eventually } from "../support/eventually";
import { actorFor, createBranchWithCalendar, createCustomer, createStaff, createTechnician, createTicket } from "../support/factories/data";
import { jobDeps } from "../integration/jobs/job-helpers";
import { untilDelivered } from "../support/outbox";
import type { FakeMessage } from "../../src/sandbox/slack";

const DISPATCH = "C0DISPATCH";
const DIRECTORS = "C0DIRECTORS";
const t = useTestApp({
  now: "2026-11-23T01:00:00Z", // Monday 10:00 in Seoul
  fake: {
    channels: { [DISPATCH]: { name: "dispatch-seoul" }, [DIRECTORS]: { name: "directors-seoul" }, C0CHAT: { name: "customer-mail" } },
    users: {
      U0DISP: { name: "park.jisoo" },
      U0DIR1: { name: "director.one" },
      U0DIR2: { name: "director.two" },
      U0MGR1: { name: "manager.one" },
      U0TECH1: { name: "kim.minsu" },
      U0TECH2: { name: "lee.sora" },
    },
  },
});

async function seed() {
  // One app (and clock) per file: every test starts on Monday 10:00 in Seoul.
  t.current.clock.set("2026-11-23T01:00:00Z");
  const prisma = t.current.database.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", timeZone: "Asia/Seoul", dispatchChannelId: DISPATCH, directorsChannelId: DIRECTORS });
  const dispatcher = await createStaff(prisma, { branchId: branch.id, roles: ["DISPATCHER"], slackUserId: "U0DISP", name: "Park Jisoo" });
  const director = await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], slackUserId: "U0DIR1", name: "Director One" });
  await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], slackUserId: "U0DIR2", name: "Director Two" });
  const manager = await createStaff(prisma, { branchId: branch.id, roles: ["MANAGER"], slackUserId: "U0MGR1", name: "Manager One" });
  const technician = await createTechnician(prisma, { branchId: branch.id, slackUserId: "U0TECH1", name: "Kim Minsu" });
  const colleague = await createTechnician(prisma, { branchId: branch.id, slackUserId: "U0TECH2", name: "Lee Sora" });
  const customer = await createCustomer(prisma, { name: "Hanbit Foods", branchId: branch.id });
  const ticket = await createTicket(prisma, { branchId: branch.id, customerId: customer.id, status: "CLOSED", assignedTechnicianId: technician.id, receivedAt: new Date("2026-11-20T01:00:00Z") });
  const services = createServices({ db: prisma, clock: t.current.clock, log: silentLog, adminSlackIds: [] });
  return { branch, dispatcher, director, manager, technician, colleague, customer, ticket, services };
}

type Seeded = Awaited<ReturnType<typeof seed>>;

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

async function replyTo(responseUrl: string): Promise<string> {
  const [reply] = await t.current.slack.waitFor((fake) => (fake.responsesTo(responseUrl).length ? fake.responsesTo(responseUrl) : undefined));
  return JSON.stringify(reply.body);
}

/** The complaint's message in the directors' channel (not a thread reply). */
function complaintMessage(): FakeMessage {
  const found = t.current.slack.messagesIn(DIRECTORS).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
  if (!found.length) throw new Error("no complaint message");
  return found[found.length - 1];
}

async function submitRegister(userId: string, values: Record<string, Record<string, unknown>>) {
  const { slack } = t.current;
  const modal = await slack.waitFor((fake) => fake.openModal(userId));
  expect(modal.callback_id).toBe("complaint_register");
  const submit = await slack.driver.sendViewSubmission({ userId, view: modal, values: values as never });
  expect(submit.problems).toEqual([]);
  return { modal, submit };
}

const describeText = (text: string) => ({ [BLOCKS.complaintDescription]: { [INPUTS.complaintDescription]: text } });

/** A complaint registered through the service (set-up for the handling tests), its message delivered. */
async function registered(s: Seeded, options: { severity?: "GENERAL" | "SERIOUS"; technician?: boolean } = {}) {
  const result = await s.services.registerComplaint({
    actor: actorFor(s.dispatcher),
    input: { customerId: s.customer.id, voucherNo: s.ticket.voucherNo, technicianSlackUserId: options.technician === false ? null : "U0TECH1", source: "PHONE", kind: "COMPLAINT", severity: options.severity ?? "GENERAL", description: "The technician was rude" },
  });
  await untilDelivered(t.current.database.prisma);
  return result;
}

async function clickOnComplaint(userId: string, actionId: string) {
  const click = await t.current.slack.driver.sendBlockActions({ userId, message: complaintMessage(), actions: [{ action_id: actionId }] });
  expect(click.problems).toEqual([]);
  return click;
}

async function stepModal(userId: string, actionId: string, values: Record<string, Record<string, unknown>>) {
  const before = t.current.slack.openModal(userId)?.id;
  await clickOnComplaint(userId, actionId);
  const modal = await t.current.slack.waitFor((fake) => {
    const view = fake.openModal(userId);
    return view && view.id !== before ? view : undefined;
  });
  const submit = await t.current.slack.driver.sendViewSubmission({ userId, view: modal, values: values as never });
  expect(submit.problems).toEqual([]);
  await untilDelivered(t.current.database.prisma);
  return submit;
}

describe("complaints (R21: registered, routed, handled, the customer told; R22: repeated substantiated complaints)", () => {
  it("R21: /repair complaint SV-… opens the form filled from the call; a general complaint gets CP-2026-0001, its message in the directors' channel with its thread, and each director a DM", async () => {
    const s = await seed();
    const { slack } = t.current;
    const prisma = t.current.database.prisma;
    const command = await slack.driver.sendCommand({ text: `complaint ${s.ticket.voucherNo}`, userId: "U0DISP", channelId: DISPATCH });
    expect(command.problems).toEqual([]);
    const modal = await slack.waitFor((fake) => fake.openModal("U0DISP"));
    const shown = JSON.stringify(modal.blocks);
    expect(shown).toContain(s.ticket.voucherNo);
    expect(shown).toContain('"initial_user":"U0TECH1"');
    expect(shown).toContain("Hanbit Foods");
    await submitRegister("U0DISP", describeText("Nobody called back about the invoice"));
    await eventually(async () => (await prisma.complaint.count()) === 1);
    await untilDelivered(prisma);

    const complaint = await prisma.complaint.findFirstOrThrow();
    expect(complaint).toMatchObject({ number: "CP-2026-0001", customerId: s.customer.id, ticketId: s.ticket.id, technicianId: s.technician.id, severity: "GENERAL", source: "PHONE", kind: "COMPLAINT", status: "OPEN", branchId: s.branch.id, registeredById: s.dispatcher.id });
    const message = complaintMessage();
    expect(JSON.stringify(message.blocks)).toContain("CP-2026-0001");
    expect(JSON.stringify(message.blocks)).toContain(ACTIONS.complaintRespond);
    const thread = slack.messagesIn(DIRECTORS, message.ts).filter((m) => m.ts !== message.ts);
    expect(thread[0].text).toMatch(/<@U0DISP> registered it \(general, source: phone\)/);
    for (const dm of ["D0DIR1", "D0DIR2"]) expect(slack.messagesIn(dm)[0].text).toContain("New general complaint CP-2026-0001");
    expect(slack.messagesIn("D0MGR1")).toHaveLength(0);
    expect(await prisma.auditLog.count({ where: { action: "complaint.register" } })).toBe(1);
  });

  it("R21: the ticket message's Complaint button opens the form for that call; a serious complaint reaches the managers at once by DM with Acknowledge, and a manager acknowledges", async () => {
    const s = await seed();
    const { slack } = t.current;
    const prisma = t.current.database.prisma;
    await enqueueTicketRefresh(prisma, s.ticket.id);
    await untilDelivered(prisma);
    const ticketMessage = slack.messagesIn(DISPATCH).find((m) => JSON.stringify(m.blocks).includes(ACTIONS.ticketComplaint))!;
    await slack.driver.sendBlockActions({ userId: "U0DIR1", message: ticketMessage, actions: [{ action_id: ACTIONS.ticketComplaint }] });
    await submitRegister("U0DIR1", { ...describeText("The compressor broke again the day after; the customer threatens to leave"), [BLOCKS.complaintSeverity]: { [INPUTS.complaintSeverity]: "SERIOUS" } });
    await eventually(async () => (await prisma.escalation.count()) === 1);
    await untilDelivered(prisma);

    expect(await prisma.escalation.findFirstOrThrow()).toMatchObject({ kind: "COMPLAINT", level: "MANAGER", reason: "SERIOUS", acknowledgedAt: null });
    const dm = slack.messagesIn("D0MGR1")[0];
    expect(JSON.stringify(dm.blocks)).toContain("Serious complaint CP-2026-0001");
    expect(JSON.stringify(dm.blocks)).toContain(ACTIONS.complaintAcknowledge);
    expect(slack.messagesIn("D0DIR1")).toHaveLength(0);
    // The call's own thread says a complaint is about it.
    const thread = slack.messagesIn(DISPATCH).filter((m) => m.thread_ts === ticketMessage.ts && m.ts !== ticketMessage.ts);
    expect(thread.map((m) => m.text)).toContainEqual(expect.stringMatching(/^:warning: Complaint CP-2026-0001 \(serious\) about this call, registered by <@U0DIR1> /));

    // A technician may not acknowledge; the manager does, and the DM says so without its button.
    const escalation = await prisma.escalation.findFirstOrThrow();
    const refused = await slack.driver.sendBlockActions({ userId: "U0TECH1", actions: [{ action_id: ACTIONS.complaintAcknowledge, value: String(escalation.id) }] });
    expect(await replyTo(refused.responseUrl!)).toMatch(/Only service directors, managers and admins can acknowledge/);
    await slack.driver.sendBlockActions({ userId: "U0MGR1", message: dm, actions: [{ action_id: ACTIONS.complaintAcknowledge }] });
    await slack.waitFor((fake) => (JSON.stringify(fake.messagesIn("D0MGR1")[0].blocks).includes("Acknowledged by <@U0MGR1>") ? true : undefined));
    expect(JSON.stringify(slack.messagesIn("D0MGR1")[0].blocks)).not.toContain(ACTIONS.complaintAcknowledge);
    expect(await prisma.escalation.findFirstOrThrow()).toMatchObject({ acknowledgedById: s.manager.id });
  });

  it("R21: the Register complaint shortcut takes the message's text as the description and its voucher number as the call", async () => {
    const s = await seed();
    const { slack } = t.current;
    const prisma = t.current.database.prisma;
    const ts = slack.addUserMessage({ channel: "C0CHAT", user: "U0DISP", text: `Customer e-mail about ${s.ticket.voucherNo}: the engineer left a mess` });
    const shortcut = await slack.driver.sendShortcut({ callbackId: SHORTCUTS.createComplaint, userId: "U0DISP", message: { channel: "C0CHAT", ts } });
    expect(shortcut.problems).toEqual([]);
    await submitRegister("U0DISP", {});
    await eventually(async () => (await prisma.complaint.count()) === 1);
    expect(await prisma.complaint.findFirstOrThrow()).toMatchObject({ ticketId: s.ticket.id, customerId: s.customer.id, description: expect.stringContaining("the engineer left a mess") });
  });

  it("R21: a technician cannot register a complaint, and is told who can", async () => {
    await seed();
    const { slack } = t.current;
    const command = await slack.driver.sendCommand({ text: "complaint", userId: "U0TECH1", channelId: DISPATCH });
    expect(await replyTo(command.responseUrl!)).toMatch(/Only dispatchers, service directors, managers and admins can register complaints/);
    expect(slack.callsTo("views.open")).toHaveLength(0);
  });

  it("R21: a director assigns a handler, who records the response (RESPONDED) and the outcome (RESOLVED); closing is refused until the customer was told; then it closes", async () => {
    const s = await seed();
    const { slack } = t.current;
    const prisma = t.current.database.prisma;
    const { complaintId } = await registered(s, { technician: false });

    // Only directors and managers assign: the dispatcher is refused privately.
    const refused = await clickOnComplaint("U0DISP", ACTIONS.complaintAssign);
    expect(await replyTo(refused.responseUrl!)).toMatch(/Only service directors, managers and admins can assign complaints/);
    await stepModal("U0DIR1", ACTIONS.complaintAssign, { [BLOCKS.complaintHandler]: { [INPUTS.complaintHandler]: "U0DISP" } });
    expect(await prisma.complaint.findUniqueOrThrow({ where: { id: complaintId } })).toMatchObject({ handlerId: s.dispatcher.id });
    expect(slack.messagesIn("D0DISP").at(-1)!.text).toContain("You were assigned complaint CP-2026-0001");

    // Someone neither handler nor director may not record.
    const stranger = await clickOnComplaint("U0TECH2", ACTIONS.complaintRespond);
    expect(await replyTo(stranger.responseUrl!)).toMatch(/Only service directors, managers and admins can record on this complaint/);

    await stepModal("U0DISP", ACTIONS.complaintRespond, {
      [BLOCKS.complaintHow]: { [INPUTS.complaintHow]: "PHONE" },
      [BLOCKS.complaintWhen]: { [INPUTS.complaintWhen]: seconds(t.current.clock.now()) },
      [BLOCKS.complaintNote]: { [INPUTS.complaintNote]: "Apologised; a senior technician visits tomorrow" },
    });
    expect(await prisma.complaint.findUniqueOrThrow({ where: { id: complaintId } })).toMatchObject({ status: "RESPONDED", responseHow: "PHONE", responseNote: "Apologised; a senior technician visits tomorrow" });

    t.current.clock.advance(24 * 3_600_000);
    await stepModal("U0DISP", ACTIONS.complaintResolve, { [BLOCKS.complaintOutcome]: { [INPUTS.complaintOutcome]: "Invoice corrected" }, [BLOCKS.complaintSubstantiated]: { [INPUTS.complaintSubstantiated]: "yes" } });
    expect(await prisma.complaint.findUniqueOrThrow({ where: { id: complaintId } })).toMatchObject({ status: "RESOLVED", substantiated: true, outcome: "Invoice corrected" });

    const notTheirs = await clickOnComplaint("U0TECH2", ACTIONS.complaintClose);
    expect(await replyTo(notTheirs.responseUrl!)).toMatch(/Only service directors, managers and admins can record on this complaint/);
    const early = await clickOnComplaint("U0DIR1", ACTIONS.complaintClose);
    expect(await replyTo(early.responseUrl!)).toMatch(/CP-2026-0001 cannot be closed yet: record first how and when the customer was told/);
    expect(await prisma.complaint.findUniqueOrThrow({ where: { id: complaintId } })).toMatchObject({ status: "RESOLVED", closedAt: null });

    await stepModal("U0DISP", ACTIONS.complaintInform, { [BLOCKS.complaintHow]: { [INPUTS.complaintHow]: "WRITING" }, [BLOCKS.complaintWhen]: { [INPUTS.complaintWhen]: seconds(t.current.clock.now()) } });
    await clickOnComplaint("U0DIR1", ACTIONS.complaintClose);
    await eventually(async () => (await prisma.complaint.findUniqueOrThrow({ where: { id: complaintId } })).status === "CLOSED");
    await untilDelivered(prisma);

    const message = complaintMessage();
    const blocks = JSON.stringify(message.blocks);
    expect(blocks).toContain("Closed");
    expect(blocks).toContain("Customer told:* In writing");
    expect(blocks).not.toContain(ACTIONS.complaintClose);
    const thread = slack.messagesIn(DIRECTORS, message.ts).map((m) => m.text).join("\n");
    expect(thread).toMatch(/assigned it to <@U0DISP>/);
    expect(thread).toMatch(/recorded the response: by phone/);
    expect(thread).toMatch(/recorded the outcome \(substantiated\)/);
    expect(thread).toMatch(/customer was told the outcome in writing/);
    expect(thread).toMatch(/<@U0DIR1> closed it/);
    const actions = (await prisma.auditLog.findMany({ where: { entity: "Complaint" }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["complaint.register", "complaint.assign", "complaint.respond", "complaint.resolve", "complaint.inform", "complaint.close"]);
  });

  it("R22: a technician's first, second and third substantiated complaints in the window reach the directors by DM (warning, penalty), the third the managers too (dismissal review)", async () => {
    const s = await seed();
    const { slack } = t.current;
    const prisma = t.current.database.prisma;
    const director = actorFor(s.director);
    const levels: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { complaintId } = await registered(s);
      await s.services.recordComplaintOutcome({ actor: director, complaintId, outcome: `Finding ${i + 1}`, substantiated: true });
      await untilDelivered(prisma);
      levels.push(slack.messagesIn("D0DIR1").at(-1)!.text);
      t.current.clock.advance(24 * 3_600_000);
    }
    expect(levels[0]).toMatch(/<@U0TECH1> has reached the \*first warning\* level: 1 substantiated complaint in the last 12 months/);
    expect(levels[1]).toMatch(/\*penalty\* level: 2 substantiated complaints/);
    expect(levels[2]).toMatch(/\*dismissal review\* level: 3 substantiated complaints/);
    const managerLevels = slack.messagesIn("D0MGR1").filter((m) => m.text.includes("R22"));
    expect(managerLevels).toHaveLength(1);
    expect(managerLevels[0].text).toContain("dismissal review");
    // A complaint not substantiated moves nobody's level.
    const { complaintId } = await registered(s);
    await s.services.recordComplaintOutcome({ actor: director, complaintId, outcome: "Not our fault", substantiated: false });
    await untilDelivered(prisma);
    expect(slack.messagesIn("D0DIR1").filter((m) => m.text.includes("R22"))).toHaveLength(3);
  });

  it("R21: no first response in 24 hours: a warning 4 hours before, then an escalation to the directors with Acknowledge, climbing to the managers when nobody acknowledges", async () => {
    const s = await seed();
    const { slack, clock } = t.current;
    const prisma = t.current.database.prisma;
    await registered(s);
    const deps = jobDeps(prisma, clock);

    clock.advance(19 * 3_600_000);
    expect(await runJob(deps, complaintClocksJob)).toEqual([expect.objectContaining({ summary: { warned: 0, escalated: 0, climbed: 0 } })]);
    clock.advance(1 * 3_600_000); // 20 hours: 4 hours before the response is due
    expect(await runJob(deps, complaintClocksJob)).toEqual([expect.objectContaining({ summary: { warned: 1, escalated: 0, climbed: 0 } })]);
    await untilDelivered(prisma);
    expect(slack.messagesIn("D0DIR1").at(-1)!.text).toMatch(/the first response is due/);

    clock.advance(4 * 3_600_000); // Tuesday 10:00 in Seoul: 24 hours
    expect(await runJob(deps, complaintClocksJob)).toEqual([expect.objectContaining({ summary: { warned: 0, escalated: 1, climbed: 0 } })]);
    await untilDelivered(prisma);
    expect(await prisma.escalation.findFirstOrThrow()).toMatchObject({ kind: "COMPLAINT", level: "DIRECTOR", reason: "RESPONSE" });
    const directorDm = slack.messagesIn("D0DIR2").at(-1)!;
    expect(JSON.stringify(directorDm.blocks)).toContain("the first response was due");
    expect(JSON.stringify(directorDm.blocks)).toContain(ACTIONS.complaintAcknowledge);

    clock.advance(30 * 60_000);
    expect(await runJob(deps, complaintClocksJob)).toEqual([expect.objectContaining({ summary: { warned: 0, escalated: 0, climbed: 1 } })]);
    await untilDelivered(prisma);
    expect(JSON.stringify(slack.messagesIn("D0MGR1").at(-1)!.blocks)).toContain(ACTIONS.complaintAcknowledge);
    expect(JSON.stringify(slack.messagesIn("D0DIR2").at(-1)!.blocks)).toContain("escalated to the managers");
    // Recording the response ends it: every copy loses its button.
    const complaint = await prisma.complaint.findFirstOrThrow();
    await s.services.recordComplaintResponse({ actor: actorFor(s.director), complaintId: complaint.id, how: "PHONE", at: clock.now(), note: "Called back" });
    await untilDelivered(prisma);
    expect(JSON.stringify(slack.messagesIn("D0MGR1").at(-1)!.blocks)).not.toContain(ACTIONS.complaintAcknowledge);
    expect(await prisma.escalation.findFirstOrThrow()).toMatchObject({ resolvedBecause: "RESOLVED" });
  });

  it("R21: not resolved within a month: a warning 3 days before, then an escalation to the directors", async () => {
    const s = await seed();
    const { slack, clock } = t.current;
    const prisma = t.current.database.prisma;
    const { complaintId } = await registered(s);
    await s.services.recordComplaintResponse({ actor: actorFor(s.director), complaintId, how: "PHONE", at: clock.now(), note: "Called back" });
    await untilDelivered(prisma);
    const deps = jobDeps(prisma, clock);

    clock.set("2026-12-20T01:00:00Z"); // 3 days before 23 December
    expect(await runJob(deps, complaintClocksJob)).toEqual([expect.objectContaining({ summary: { warned: 1, escalated: 0, climbed: 0 } })]);
    await untilDelivered(prisma);
    expect(slack.messagesIn("D0DIR1").at(-1)!.text).toMatch(/the resolution is due/);
    clock.set("2026-12-23T01:00:00Z");
    expect(await runJob(deps, complaintClocksJob)).toEqual([expect.objectContaining({ summary: { warned: 0, escalated: 1, climbed: 0 } })]);
    await untilDelivered(prisma);
    expect(await prisma.escalation.findFirstOrThrow()).toMatchObject({ level: "DIRECTOR", reason: "RESOLUTION" });
    expect(JSON.stringify(slack.messagesIn("D0DIR1").at(-1)!.blocks)).toContain("the resolution was due");
  });
});
