// R19–R21 end to end through the Slack fake, clock-controlled: the day's survey list in the survey
// channel (after a Friday, after a holiday, posted once), Record survey (answered, unreachable tried
// again then no answer, declined, a second recording refused, who may), a dissatisfied answer
// registered as a complaint, and the survey line of the directors' daily summary.
import { directorSummaryJob } from "../../src/jobs/director-summary";
import { runJob } from "../../src/jobs/runner";
import { surveyListJob } from "../../src/jobs/survey-list";
import { buildSurveyList } from "../../src/services/surveys/build-survey-list";
import { ACTIONS, BLOCKS, INPUTS, VIEWS } from "../../src/views/ids";
import { useTestApp } from "../support/app-harness";
import { createBranchWithCalendar, createStaff, createTechnician, createTicket } from "../support/factories/data";
import { fakeSlackClient, jobDeps } from "../integration/jobs/job-helpers";
import { untilDelivered } from "../support/outbox";
import type { SlackFake } from "../../src/sandbox/slack";

const SURVEYS = "C0SEOULSRV";
const DISPATCH = "C0SEOULDSP";
const DIRECTORS = "C0SEOULDIR";
const MONDAY_0905 = "2026-11-23T00:05:00Z"; // Seoul is UTC+9

const t = useTestApp({
  now: MONDAY_0905,
  fake: {
    channels: { [SURVEYS]: { name: "surveys-seoul" }, [DISPATCH]: { name: "dispatch-seoul" }, [DIRECTORS]: { name: "directors-seoul" } },
    users: { U0SURV: { name: "surveyor" }, U0DISP: { name: "dispatcher" }, U0DIR: { name: "director" }, U0TECH: { name: "technician" }, U0OTHER: { name: "other.dispatcher" } },
  },
});

async function company(options: { holidays?: string[] } = {}) {
  const { prisma } = t.current.database;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", timeZone: "Asia/Seoul", dispatchChannelId: DISPATCH, directorsChannelId: DIRECTORS, surveyChannelId: SURVEYS, holidays: options.holidays ?? [] });
  const other = await createBranchWithCalendar(prisma, { code: "BUSAN", timeZone: "Asia/Seoul" });
  const technician = await createTechnician(prisma, { branchId: branch.id, slackUserId: "U0TECH", name: "Kim Technician" });
  await createStaff(prisma, { branchId: branch.id, roles: ["SURVEYOR"], slackUserId: "U0SURV" });
  await createStaff(prisma, { branchId: branch.id, roles: ["DISPATCHER"], slackUserId: "U0DISP" });
  await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], slackUserId: "U0DIR" });
  await createStaff(prisma, { branchId: other.id, roles: ["DISPATCHER"], slackUserId: "U0OTHER" });
  return { branch, technician };
}

async function closedCall(branchId: number, technicianId: number, closedAt: string, overrides: { category?: "A_PAID" | "C_WARRANTY" } = {}) {
  return createTicket(t.current.database.prisma, {
    branchId,
    status: "CLOSED",
    assignedTechnicianId: technicianId,
    receivedAt: new Date(new Date(closedAt).getTime() - 3 * 3_600_000),
    closedAt: new Date(closedAt),
    category: overrides.category ?? "A_PAID",
    suggestedCategory: overrides.category ?? "A_PAID",
  });
}

async function runSurveyList(at: string) {
  t.current.clock.set(at);
  const outcomes = await runJob(jobDeps(t.current.database.prisma, t.current.clock), surveyListJob, { branchCode: "SEOUL" });
  await untilDelivered(t.current.database.prisma);
  return outcomes;
}

const lists = () => t.current.slack.messagesIn(SURVEYS).filter((message) => !message.thread_ts);
const blocksOf = (message: { blocks?: unknown }) => JSON.stringify(message.blocks);

async function openRecordModal(userId: string, voucherNo: string) {
  const { slack } = t.current;
  // The latest list that offers the call (a retried call has a line on each day's list).
  const message = [...lists()].reverse().find((list) => blocksOf(list).includes(voucherNo))!;
  const line = (message.blocks as Array<{ block_id?: string; text?: { text: string } }>).find((block) => block.text?.text.includes(voucherNo))!;
  const click = await slack.driver.sendBlockActions({ userId, message, actions: [{ action_id: ACTIONS.surveyRecord, block_id: line.block_id }] });
  return click;
}

async function recordSurvey(userId: string, voucherNo: string, values: { outcome: string; ratings?: Partial<Record<"attitude" | "skill" | "arrivalTime" | "promiseKeeping", string>>; comment?: string }) {
  const { slack } = t.current;
  const click = await openRecordModal(userId, voucherNo);
  expect(click.problems).toEqual([]);
  const modal = await slack.waitFor((fake) => fake.openModal(userId));
  expect(modal).toMatchObject({ callback_id: VIEWS.surveyRecord });
  return submitModal(userId, modal, values);
}

const RATING_BLOCKS = { attitude: BLOCKS.surveyAttitude, skill: BLOCKS.surveySkill, arrivalTime: BLOCKS.surveyArrivalTime, promiseKeeping: BLOCKS.surveyPromiseKeeping } as const;

type SubmittedView = NonNullable<Parameters<SlackFake["driver"]["sendViewSubmission"]>[0]>["view"];

async function submitModal(userId: string, modal: SubmittedView, values: { outcome: string; ratings?: Partial<Record<keyof typeof RATING_BLOCKS, string>>; comment?: string }) {
  const typed: Record<string, Record<string, string>> = { [BLOCKS.surveyOutcome]: { [INPUTS.surveyOutcome]: values.outcome } };
  for (const [item, rating] of Object.entries(values.ratings ?? {})) typed[RATING_BLOCKS[item as keyof typeof RATING_BLOCKS]] = { [INPUTS.surveyRating]: rating };
  if (values.comment) typed[BLOCKS.surveyComment] = { [INPUTS.surveyComment]: values.comment };
  const result = await t.current.slack.driver.sendViewSubmission({ userId, view: modal, values: typed });
  await untilDelivered(t.current.database.prisma);
  return result;
}

const ALL_SATISFIED = { attitude: "VERY_SATISFIED", skill: "SATISFIED", arrivalTime: "SATISFIED", promiseKeeping: "VERY_SATISFIED" };

async function replyTo(responseUrl: string) {
  const [reply] = await t.current.slack.waitFor((fake) => (fake.responsesTo(responseUrl).length ? fake.responsesTo(responseUrl) : undefined));
  return JSON.stringify(reply.body);
}

describe("the day's survey list (R19)", () => {
  it("R19: Monday's list in the survey channel holds every call closed on Friday (and Saturday), one line each with Record survey", async () => {
    const { branch, technician } = await company();
    const thursday = await closedCall(branch.id, technician.id, "2026-11-19T07:00:00Z");
    const friday = await closedCall(branch.id, technician.id, "2026-11-20T08:00:00Z", { category: "C_WARRANTY" });
    const fridayLate = await closedCall(branch.id, technician.id, "2026-11-20T14:00:00Z"); // Fri 23:00 Seoul
    const saturday = await closedCall(branch.id, technician.id, "2026-11-21T02:00:00Z");
    const monday = await closedCall(branch.id, technician.id, "2026-11-23T00:01:00Z");

    const outcomes = await runSurveyList(MONDAY_0905);

    expect(outcomes).toEqual([expect.objectContaining({ outcome: "ran", summary: { created: 3, listed: 3, messages: 1 } })]);
    const [list] = lists();
    expect(lists()).toHaveLength(1);
    expect(list.text).toContain("Survey list for 2026-11-23: 3 calls");
    const blocks = blocksOf(list);
    for (const call of [friday, fridayLate, saturday]) expect(blocks).toContain(call.voucherNo);
    for (const call of [thursday, monday]) expect(blocks).not.toContain(call.voucherNo);
    expect(blocks).toContain("<@U0TECH>");
    expect(blocks).toContain("C warranty");
    expect(blocks.split(ACTIONS.surveyRecord).length - 1).toBe(3);
    expect(t.current.slack.messagesIn(DISPATCH)).toHaveLength(0);
    const surveys = await t.current.database.prisma.survey.findMany({ orderBy: { id: "asc" } });
    expect(surveys.map((survey) => survey.ticketId)).toEqual([friday.id, fridayLate.id, saturday.id]);
    expect(surveys.every((survey) => survey.technicianId === technician.id && survey.outcome === null)).toBe(true);
  });

  it("R19: after a holiday, the next working day's list holds the calls closed on the day before it", async () => {
    const { branch, technician } = await company({ holidays: ["2026-11-25"] });
    const tuesday = await closedCall(branch.id, technician.id, "2026-11-24T05:00:00Z");
    // Wednesday is a holiday: nothing is due, and a run then lists nothing.
    expect(await runSurveyList("2026-11-25T00:05:00Z")).toEqual([expect.objectContaining({ outcome: "ran", summary: { created: 0, listed: 0, messages: 0 } })]);
    expect(lists()).toHaveLength(0);

    await runSurveyList("2026-11-26T00:05:00Z");

    expect(lists()).toHaveLength(1);
    expect(blocksOf(lists()[0])).toContain(tuesday.voucherNo);
    expect(lists()[0].text).toContain("2026-11-26");
  });

  it("R19: the list is posted once even if the job runs twice; a day with nothing to survey posts nothing", async () => {
    const { branch, technician } = await company();
    await closedCall(branch.id, technician.id, "2026-11-20T08:00:00Z");
    await runSurveyList(MONDAY_0905);
    const again = await runSurveyList("2026-11-23T00:10:00Z");
    expect(again).toEqual([expect.objectContaining({ outcome: "skipped-claimed" })]);
    // Even the list's service run again (a retried period) creates and lists nothing twice.
    const rebuilt = await buildSurveyList({ db: t.current.database.prisma, clock: t.current.clock }, { branchId: branch.id, date: "2026-11-23", previousDate: "2026-11-20", actor: "test" });
    expect(rebuilt).toEqual({ created: 0, listed: 0, messages: 0 });
    await untilDelivered(t.current.database.prisma);
    expect(lists()).toHaveLength(1);
    expect(await t.current.database.prisma.surveyListLine.count()).toBe(1);

    await runSurveyList("2026-11-24T00:05:00Z"); // nothing was closed on Monday
    expect(lists()).toHaveLength(1);
  });
});

describe("Record survey (R19, R20)", () => {
  it("R20: a phone survey answered: four ratings and a comment are stored, the line shows the outcome in place, the change is audited", async () => {
    const { branch, technician } = await company();
    const call = await closedCall(branch.id, technician.id, "2026-11-20T08:00:00Z");
    await runSurveyList(MONDAY_0905);
    const listTs = lists()[0].ts;
    t.current.clock.set("2026-11-23T01:30:00Z");

    const result = await recordSurvey("U0SURV", call.voucherNo, { outcome: "ANSWERED", ratings: ALL_SATISFIED, comment: "Quick and tidy" });

    expect(result.problems).toEqual([]);
    const survey = await t.current.database.prisma.survey.findUniqueOrThrow({ where: { ticketId: call.id }, include: { recordedBy: true } });
    expect(survey).toMatchObject({ outcome: "ANSWERED", attempts: 1, method: "PHONE", attitude: "VERY_SATISFIED", skill: "SATISFIED", arrivalTime: "SATISFIED", promiseKeeping: "VERY_SATISFIED", comment: "Quick and tidy", respondedAt: new Date("2026-11-23T01:30:00Z"), recordedAt: new Date("2026-11-23T01:30:00Z"), recordedBy: { slackUserId: "U0SURV" } });
    const [list] = lists();
    expect(list.ts).toBe(listTs);
    expect(blocksOf(list)).toContain("Answered, recorded by <@U0SURV>");
    expect(blocksOf(list)).not.toContain(ACTIONS.surveyRecord);
    expect(await t.current.database.prisma.auditLog.findFirst({ where: { action: "survey.record", entityId: String(survey.id) } })).toMatchObject({ actor: "U0SURV" });
    expect(await t.current.database.prisma.complaint.count()).toBe(0);
  });

  it("R20: an answered survey needs all four ratings: the missing items are marked on the modal and nothing is saved", async () => {
    const { branch, technician } = await company();
    const call = await closedCall(branch.id, technician.id, "2026-11-20T08:00:00Z");
    await runSurveyList(MONDAY_0905);

    const result = await recordSurvey("U0DISP", call.voucherNo, { outcome: "ANSWERED", ratings: { attitude: "SATISFIED", skill: "SATISFIED" } });

    expect(result.problems).toEqual([]);
    expect(result.body).toMatchObject({ response_action: "errors", errors: { [BLOCKS.surveyArrivalTime]: expect.any(String), [BLOCKS.surveyPromiseKeeping]: expect.any(String) } });
    expect(Object.keys((result.body as { errors: object }).errors)).toHaveLength(2);
    expect(await t.current.database.prisma.survey.findFirstOrThrow()).toMatchObject({ outcome: null, attempts: 0 });
  });

  it("R19: an unreachable customer is offered again on the next working days' lists, and after the third try the survey counts as no answer", async () => {
    const { branch, technician } = await company();
    const call = await closedCall(branch.id, technician.id, "2026-11-20T08:00:00Z");
    await runSurveyList(MONDAY_0905);
    await recordSurvey("U0SURV", call.voucherNo, { outcome: "UNREACHABLE" });
    expect(await t.current.database.prisma.survey.findFirstOrThrow()).toMatchObject({ outcome: "UNREACHABLE", attempts: 1, dueOn: new Date("2026-11-24T00:00:00Z"), respondedAt: null });
    expect(blocksOf(lists()[0])).toContain("called again on 2026-11-24");

    await runSurveyList("2026-11-24T00:05:00Z"); // Tuesday
    expect(lists()).toHaveLength(2);
    const tuesday = lists()[1];
    expect(blocksOf(tuesday)).toContain(call.voucherNo);
    expect(blocksOf(tuesday)).toContain("try 2");
    await recordSurvey("U0SURV", call.voucherNo, { outcome: "UNREACHABLE" });

    await runSurveyList("2026-11-25T00:05:00Z"); // Wednesday
    expect(lists()).toHaveLength(3);
    expect(blocksOf(lists()[2])).toContain("try 3");
    await recordSurvey("U0SURV", call.voucherNo, { outcome: "UNREACHABLE" });

    expect(await t.current.database.prisma.survey.findFirstOrThrow()).toMatchObject({ outcome: "NO_ANSWER", attempts: 3, respondedAt: null });
    expect(blocksOf(lists()[2])).toContain("No answer after the last try");
    await runSurveyList("2026-11-26T00:05:00Z"); // Thursday: nothing more
    expect(lists()).toHaveLength(3);
  });

  it("R19: a customer who declines is recorded as declined, once", async () => {
    const { branch, technician } = await company();
    const call = await closedCall(branch.id, technician.id, "2026-11-20T08:00:00Z");
    await runSurveyList(MONDAY_0905);

    await recordSurvey("U0DIR", call.voucherNo, { outcome: "DECLINED", comment: "Too busy" });

    expect(await t.current.database.prisma.survey.findFirstOrThrow()).toMatchObject({ outcome: "DECLINED", attempts: 1, comment: "Too busy", respondedAt: null, attitude: null });
    expect(blocksOf(lists()[0])).toContain("Declined, recorded by <@U0DIR>");
    await runSurveyList("2026-11-24T00:05:00Z");
    expect(lists()).toHaveLength(1);
  });

  it("R19: a call is surveyed once: a second recording is refused, saying who recorded it and when", async () => {
    const { branch, technician } = await company();
    const call = await closedCall(branch.id, technician.id, "2026-11-20T08:00:00Z");
    await runSurveyList(MONDAY_0905);
    const { slack } = t.current;
    // Two people open the same line's modal; the surveyor saves first.
    await openRecordModal("U0DISP", call.voucherNo);
    const dispatcherModal = await slack.waitFor((fake) => fake.openModal("U0DISP"));
    await recordSurvey("U0SURV", call.voucherNo, { outcome: "ANSWERED", ratings: ALL_SATISFIED });

    const second = await submitModal("U0DISP", dispatcherModal, { outcome: "DECLINED" });

    expect(second.problems).toEqual([]);
    const notice = JSON.stringify(second.body);
    expect(notice).toContain("already recorded (answered) by <@U0SURV>");
    expect(notice).toContain("<!date^");
    expect(await t.current.database.prisma.survey.findFirstOrThrow()).toMatchObject({ outcome: "ANSWERED", attempts: 1 });

    // A stale copy of the line's button is answered privately, before any modal opens.
    const stale = await slack.driver.sendBlockActions({ userId: "U0DISP", channel: SURVEYS, message: await postStaleButton(), actions: [{ action_id: ACTIONS.surveyRecord }] });
    expect(await replyTo(stale.responseUrl!)).toContain("already recorded (answered) by <@U0SURV>");
  });

  it("R19: only the branch's surveyors, dispatchers and directors record surveys: a technician and another branch's dispatcher are refused privately", async () => {
    const { branch, technician } = await company();
    const call = await closedCall(branch.id, technician.id, "2026-11-20T08:00:00Z");
    await runSurveyList(MONDAY_0905);

    const byTechnician = await openRecordModal("U0TECH", call.voucherNo);
    expect(await replyTo(byTechnician.responseUrl!)).toContain("can record customer surveys");
    const byOtherBranch = await openRecordModal("U0OTHER", call.voucherNo);
    expect(await replyTo(byOtherBranch.responseUrl!)).toContain("can record customer surveys");
    expect(t.current.slack.openModal("U0TECH")).toBeUndefined();
    expect(await t.current.database.prisma.survey.findFirstOrThrow()).toMatchObject({ outcome: null });
  });

  it("R21: an answer below satisfied registers a complaint linked to the call and the technician, and the line says so", async () => {
    const { branch, technician } = await company();
    const call = await closedCall(branch.id, technician.id, "2026-11-20T08:00:00Z");
    await runSurveyList(MONDAY_0905);

    await recordSurvey("U0SURV", call.voucherNo, { outcome: "ANSWERED", ratings: { ...ALL_SATISFIED, arrivalTime: "VERY_DISSATISFIED" }, comment: "Came two hours late" });

    const complaint = await t.current.database.prisma.complaint.findFirstOrThrow();
    expect(complaint).toMatchObject({ ticketId: call.id, technicianId: technician.id, customerId: call.customerId, severity: "GENERAL", status: "OPEN", receivedAt: t.current.clock.now() });
    expect(complaint.description).toContain(`Survey of ${call.voucherNo}`);
    expect(complaint.description).toContain("arrival time (very dissatisfied)");
    expect(complaint.description).toContain("Came two hours late");
    expect(blocksOf(lists()[0])).toContain("registered as a complaint");
  });
});

describe("the directors' daily summary (R20)", () => {
  it("R20: the summary gains the survey line of the calls closed on the previous working day: coverage, inside warranty, satisfaction per item, against the targets", async () => {
    const { branch, technician } = await company();
    const warranty = await closedCall(branch.id, technician.id, "2026-11-20T08:00:00Z", { category: "C_WARRANTY" });
    const paid = await closedCall(branch.id, technician.id, "2026-11-20T09:00:00Z");
    await runSurveyList(MONDAY_0905);
    await recordSurvey("U0SURV", warranty.voucherNo, { outcome: "ANSWERED", ratings: { ...ALL_SATISFIED, skill: "DISSATISFIED" } });
    expect(paid.id).toBeGreaterThan(0); // not surveyed yet

    t.current.clock.set("2026-11-23T09:35:00Z"); // Mon 18:35, after the 18:00 closing
    await runJob(jobDeps(t.current.database.prisma, t.current.clock), directorSummaryJob, { branchCode: "SEOUL" });
    await untilDelivered(t.current.database.prisma);

    // The directors' channel also holds the complaint the dissatisfied answer registered (R21).
    const summary = t.current.slack.messagesIn(DIRECTORS).find((message) => String(blocksOf(message)).includes("Daily summary"))!;
    const blocks = blocksOf(summary);
    expect(blocks).toContain("*Surveys* (R19/R20) of calls closed 2026-11-20: surveyed 1 of 2 (50% :warning:; inside warranty 100%; target 100%) · answered 1");
    expect(blocks).toContain("*Satisfaction* 75% :warning: (target 98%): Attitude 100% · Skill 0% · Arrival time 100% · Keeping what was promised 100%");
  });
});

/** A copy of a list line's button, as an old message (or a screenshot's replay) would still carry it. */
async function postStaleButton() {
  const survey = await t.current.database.prisma.survey.findFirstOrThrow();
  const posted = await fakeSlackClient(t.current.slack).chat.postMessage({
    channel: SURVEYS,
    text: "old list",
    blocks: [{ type: "section", text: { type: "mrkdwn", text: "old line" }, accessory: { type: "button", action_id: ACTIONS.surveyRecord, value: `${survey.id}:1`, text: { type: "plain_text", text: "Record survey" } } }],
  });
  return lists().find((message) => message.ts === posted.ts)!;
}
