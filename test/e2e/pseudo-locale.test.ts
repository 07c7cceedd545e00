// Issue 14: a desk day in the en-XA pseudo-locale (every catalogue text accented, marked ⟦…⟧ and
// 30% longer). Everything the bot showed in Slack — messages, thread lines, DMs, ephemerals, modals,
// options, App Home — is then searched for English words: one found is a text written outside the
// catalogues. The Slack fake refuses over-long texts, so the run also proves the longest texts fit.
import { directorSummaryJob } from "../../src/jobs/director-summary";
import { overdueScanJob } from "../../src/jobs/overdue-scan";
import { runJob } from "../../src/jobs/runner";
import { ACTIONS, BLOCKS, INPUTS } from "../../src/views/ids";
import { useTestApp } from "../support/app-harness";
import { eventually } from "../support/eventually";
import { createBranchWithCalendar, createCustomer, createEquipment, createPart, createStaff } from "../support/factories/data";
import { jobDeps } from "../integration/jobs/job-helpers";
import { untilDelivered } from "../support/outbox";
import { describeUntranslated, findUntranslatedShown } from "../support/untranslated";

jest.setTimeout(30_000);

const DISPATCH = "C0PSEUDODSP";
const DIRECTORS = "C0PSEUDODIR";

const app = useTestApp({
  now: "2026-11-23T01:00:00Z", // Monday 10:00 in Seoul
  adminSlackIds: ["U0ADMIN"],
  fake: {
    echoBotMessages: true,
    users: { U0DISP: { name: "disp" }, U0TECH1: { name: "tech" }, U0DIR: { name: "dir" }, U0MGR: { name: "mgr" }, U0ADMIN: { name: "adm" } },
    channels: { [DISPATCH]: { name: "dispatch" }, [DIRECTORS]: { name: "directors" } },
  },
});

/** Data this test typed, shown as typed: never a catalogue's text. */
const TEST_DATA = [/SV-\d{4}-\d{6}/, "SN-1001", "SN-1002", "AC-900", "P-1001", "Asia/Seoul", /https?:\/\/\S+/, /`hours`/, "hours?"];

async function pseudoDesk() {
  const prisma = app.current.database.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", name: "서울", timeZone: "Asia/Seoul", dispatchChannelId: DISPATCH, directorsChannelId: DIRECTORS, locale: "en-XA" });
  const person = { branchId: branch.id, locale: "en-XA" };
  await createStaff(prisma, { ...person, slackUserId: "U0DISP", name: "박지수", roles: ["DISPATCHER"] });
  const technician = await createStaff(prisma, { ...person, slackUserId: "U0TECH1", name: "王伟", roles: ["TECHNICIAN"], areas: ["URBAN"], skills: ["압축기"] });
  await createStaff(prisma, { ...person, slackUserId: "U0DIR", name: "최민준", roles: ["DIRECTOR"] });
  await createStaff(prisma, { ...person, slackUserId: "U0MGR", name: "이관리", roles: ["MANAGER"] });
  await createStaff(prisma, { ...person, slackUserId: "U0ADMIN", name: "관리자", roles: ["ADMIN"] });
  const customer = await createCustomer(prisma, { name: "한빛식품", address: "서울 중구", phone: "02-555-0101", contactPerson: "김담당", area: "URBAN", grade: "A", branchId: branch.id });
  await createEquipment(prisma, { customerId: customer.id, model: "AC-900", serial: "SN-1001", acceptanceDate: new Date("2026-01-10"), warrantyEnd: new Date("2027-01-10") });
  const other = await createCustomer(prisma, { name: "대한상사", address: "서울 종로", phone: "02-555-0202", contactPerson: "이담당", area: "URBAN", grade: "B", branchId: branch.id });
  await createEquipment(prisma, { customerId: other.id, model: "AC-900", serial: "SN-1002", acceptanceDate: new Date("2026-01-10"), warrantyEnd: new Date("2027-01-10") });
  await createPart(prisma, { partNo: "P-1001", name: "릴레이", stock: [{ branchId: branch.id, quantity: 3 }] });
  return { branch, technician, customer, other };
}

async function register(customerId: number, serial: string) {
  const { slack } = app.current;
  await slack.driver.sendCommand({ text: "new", userId: "U0DISP", channelId: DISPATCH });
  const modal = await slack.waitFor((fake) => fake.openModal("U0DISP"));
  await slack.driver.sendBlockSuggestion({ userId: "U0DISP", view: modal, actionId: ACTIONS.intakeCustomerSelect, blockId: BLOCKS.intakeCustomer, value: "ㅎㅂ" });
  await slack.driver.sendBlockActions({ userId: "U0DISP", view: modal, actions: [{ action_id: ACTIONS.intakeCustomerSelect, block_id: BLOCKS.intakeCustomer, value: String(customerId) }] });
  const chosen = await slack.waitFor((fake) => {
    const view = fake.openModal("U0DISP");
    return view && JSON.stringify(view).includes(serial) ? view : undefined;
  });
  // A bad submission first: the field errors are shown too.
  await slack.driver.sendViewSubmission({ userId: "U0DISP", view: chosen, values: { [BLOCKS.intakeFault]: { [INPUTS.fault]: "" } } });
  await slack.driver.sendViewSubmission({ userId: "U0DISP", view: chosen, values: { [BLOCKS.intakeFault]: { [INPUTS.fault]: "압축기 정지" } } });
}

async function say(threadTs: string, words: string) {
  const result = await app.current.slack.driver.sendEvent({ type: "message", user: "U0TECH1", channel: DISPATCH, thread_ts: threadTs, text: words });
  return String((result.payload.event as unknown as { ts: string }).ts);
}

describe("a desk day in the en-XA pseudo-locale (issue 14)", () => {
  it("shows no English word outside the catalogues, and every text fits Slack's limits", async () => {
    const desk = await pseudoDesk();
    const { slack } = app.current;
    const prisma = app.current.database.prisma;

    for (const text of ["help", "list", "list overdue", "parts", "register", "invoices", "jobs", "no-such-thing", "SV-2026-000001"]) {
      const result = await slack.driver.sendCommand({ text, userId: text === "jobs" ? "U0ADMIN" : "U0DISP", channelId: DISPATCH });
      expect(result.problems).toEqual([]);
    }
    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0TECH1", tab: "home" });

    await register(desk.customer.id, "SN-1001");
    const ticket = await eventually(async () => (await prisma.ticket.count()) === 1).then(() => prisma.ticket.findFirstOrThrow());
    const posted = await slack.waitFor((fake) => fake.messagesIn(DISPATCH).find((m) => m.text.includes(ticket.voucherNo)));

    await slack.driver.sendBlockActions({ userId: "U0DISP", message: posted, actions: [{ action_id: ACTIONS.ticketAssign }] });
    const assign = await slack.waitFor((fake) => fake.openModal("U0DISP"));
    await slack.driver.sendViewSubmission({ userId: "U0DISP", view: assign, values: { [BLOCKS.assignTechnician]: { [INPUTS.technician]: String(desk.technician.id) } } });
    const dm = await slack.waitFor((fake) => fake.messagesIn("D0TECH1")[0]);
    await slack.driver.sendBlockActions({ userId: "U0TECH1", message: dm, actions: [{ action_id: ACTIONS.ticketAccept }] });
    await eventually(async () => (await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status === "ACCEPTED");

    // The field commands, one the bot cannot read, one it refuses, and a visit closed from the thread.
    for (const words of ["arrived", "hours", "hours 1.5", "part P-1001 x9", "part P-1001 x1", "done", "done signed 이순신"]) {
      await say(posted.ts, words);
      await untilDelivered(prisma);
    }
    await eventually(async () => (await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status === "RESOLVED");

    // A second call goes unassigned past its deadline: the overdue alert and its DMs.
    await register(desk.other.id, "SN-1002");
    await eventually(async () => (await prisma.ticket.count()) === 2);
    await untilDelivered(prisma);
    app.current.clock.set(new Date("2026-11-24T08:00:00Z"));
    await runJob(jobDeps(prisma, app.current.clock), overdueScanJob);
    await untilDelivered(prisma);

    // The directors' summary, signed off.
    app.current.clock.set(new Date("2026-11-24T09:35:00Z"));
    await runJob(jobDeps(prisma, app.current.clock), directorSummaryJob);
    await untilDelivered(prisma);
    const [summary] = slack.messagesIn(DIRECTORS);
    await slack.driver.sendBlockActions({ userId: "U0DIR", message: summary, actions: [{ action_id: ACTIONS.directorReportSignOff }] });
    await slack.driver.sendBlockActions({ userId: "U0MGR", message: summary, actions: [{ action_id: ACTIONS.directorReportSignOff }] });
    await slack.waitFor((fake) => (JSON.stringify(fake.messagesIn(DIRECTORS)[0].blocks).includes(ACTIONS.directorReportSignOff) ? undefined : true));
    await slack.driver.settle();

    const shown = slack.shownByBot();
    expect(shown.length).toBeGreaterThan(20);
    const findings = findUntranslatedShown(slack, { allow: TEST_DATA });
    if (findings.length) throw new Error(`English outside the catalogues:\n${describeUntranslated(findings)}`);
  });
});
