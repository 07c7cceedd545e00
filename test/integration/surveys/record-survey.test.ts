// R19–R21 at the service: recording tries, the refusals, the complaint of a dissatisfied answer in
// the survey's transaction, the list split under Slack's block limit, and the figures' SQL.
import { fixedClock } from "../../../src/clock";
import { buildSurveyList, LINES_PER_MESSAGE } from "../../../src/services/surveys/build-survey-list";
import { complaintDescription, registerComplaintFromSurvey } from "../../../src/services/surveys/complaint-from-survey";
import { recordSurvey } from "../../../src/services/surveys/record-survey";
import { computeBranchSurveyFigures } from "../../../src/services/surveys/survey-figures";
import { getSurveyListMessage } from "../../../src/services/surveys/survey-list-message";
import { buildSurveyListMessage } from "../../../src/views/survey-list";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranchWithCalendar, createStaff, createTechnician, createTicket } from "../../support/factories/data";

const db = useTestDatabase();
const MONDAY = "2026-11-23";
const clock = fixedClock("2026-11-23T01:00:00Z");

async function setup(calls = 1) {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", timeZone: "Asia/Seoul", dispatchChannelId: "C0DSP" });
  const technician = await createTechnician(prisma, { branchId: branch.id });
  const surveyor = await createStaff(prisma, { branchId: branch.id, roles: ["SURVEYOR"], slackUserId: "U0SURV" });
  const tickets = [];
  for (let i = 0; i < calls; i++) {
    tickets.push(await createTicket(prisma, { branchId: branch.id, status: "CLOSED", assignedTechnicianId: technician.id, receivedAt: new Date("2026-11-20T01:00:00Z"), closedAt: new Date(Date.parse("2026-11-20T05:00:00Z") + i * 1000), category: i % 2 ? "C_WARRANTY" : "A_PAID" }));
  }
  await buildSurveyList({ db: prisma, clock }, { branchId: branch.id, date: MONDAY, previousDate: "2026-11-20", actor: "test" });
  const surveys = await prisma.survey.findMany({ orderBy: { id: "asc" } });
  return { prisma, branch, technician, surveyor: actorFor(surveyor), tickets, surveys };
}

describe("recording a survey (R19, R20)", () => {
  it("R19: a long list is split into messages of at most 45 lines, each under Slack's 50 blocks", async () => {
    const { prisma } = await setup(LINES_PER_MESSAGE + 2);
    const messages = await prisma.surveyListMessage.findMany({ orderBy: { part: "asc" }, include: { _count: { select: { lines: true } } } });
    expect(messages.map((message) => [message.part, message._count.lines])).toEqual([
      [1, LINES_PER_MESSAGE],
      [2, 2],
    ]);
    const view = await getSurveyListMessage({ db: prisma }, { messageId: messages[0].id });
    const rendered = buildSurveyListMessage(view);
    expect(rendered.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(rendered.blocks)).toContain("part 1 of 2");
  });

  it("R20: an answered survey without all four ratings is refused; the survey stays open", async () => {
    const { prisma, surveyor, surveys } = await setup();
    await expect(recordSurvey({ db: prisma, clock }, { actor: surveyor, surveyId: surveys[0].id, attempt: 1, outcome: "ANSWERED", ratings: { attitude: "SATISFIED" } })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { skill: "required", arrivalTime: "required", promiseKeeping: "required" } });
    expect(await prisma.survey.findFirstOrThrow()).toMatchObject({ outcome: null, attempts: 0 });
  });

  it("R19: a try already recorded is refused with who recorded it and when", async () => {
    const { prisma, surveyor, surveys } = await setup();
    await recordSurvey({ db: prisma, clock }, { actor: surveyor, surveyId: surveys[0].id, attempt: 1, outcome: "DECLINED" });
    await expect(recordSurvey({ db: prisma, clock }, { actor: surveyor, surveyId: surveys[0].id, attempt: 1, outcome: "UNREACHABLE" })).rejects.toMatchObject({
      code: "ALREADY_DONE",
      details: { by: "U0SURV", at: clock.now().toISOString(), outcome: "DECLINED", timeZone: "Asia/Seoul" },
    });
  });

  it("R19: a technician may not record a survey", async () => {
    const { prisma, technician, surveys } = await setup();
    await expect(recordSurvey({ db: prisma, clock }, { actor: actorFor(technician), surveyId: surveys[0].id, attempt: 1, outcome: "DECLINED" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("R19: SURVEY_MAX_ATTEMPTS decides when an unreachable customer counts as no answer", async () => {
    const { prisma, surveyor, surveys } = await setup();
    const recorded = await recordSurvey({ db: prisma, clock, surveyMaxAttempts: 1 }, { actor: surveyor, surveyId: surveys[0].id, attempt: 1, outcome: "UNREACHABLE" });
    expect(recorded).toMatchObject({ outcome: "NO_ANSWER", attempts: 1, nextDueOn: null });
  });

  it("R21: a dissatisfied answer registers its complaint in the survey's transaction (a failure there saves neither)", async () => {
    const { prisma, surveyor, surveys, tickets } = await setup();
    const ratings = { attitude: "DISSATISFIED", skill: "SATISFIED", arrivalTime: "SATISFIED", promiseKeeping: "SATISFIED" } as const;
    // A constraint refusing every new complaint makes the insert fail inside the recording.
    await prisma.$executeRaw`ALTER TABLE "Complaint" ADD CONSTRAINT "test_no_complaints" CHECK (false) NOT VALID`;
    await expect(recordSurvey({ db: prisma, clock }, { actor: surveyor, surveyId: surveys[0].id, attempt: 1, outcome: "ANSWERED", ratings })).rejects.toThrow();
    expect(await prisma.survey.findFirstOrThrow()).toMatchObject({ outcome: null });
    await prisma.$executeRaw`ALTER TABLE "Complaint" DROP CONSTRAINT "test_no_complaints"`;

    const recorded = await recordSurvey({ db: prisma, clock }, { actor: surveyor, surveyId: surveys[0].id, attempt: 1, outcome: "ANSWERED", ratings, comment: "Rude on the phone" });
    const complaint = await prisma.complaint.findUniqueOrThrow({ where: { id: recorded.complaintId! } });
    expect(complaint).toMatchObject({ ticketId: tickets[0].id, customerId: tickets[0].customerId, technicianId: surveys[0].technicianId, severity: "GENERAL" });
    expect(complaint.description).toBe(`Survey of ${tickets[0].voucherNo}: the customer was not satisfied with attitude (dissatisfied). Customer's comment: Rude on the phone`);
  });
});

describe("the complaint from a survey (R21)", () => {
  it("R21: inserts a general complaint linked to the call and the technician, describing the items and the comment", async () => {
    const { prisma, tickets, technician } = await setup();
    const at = new Date("2026-11-23T02:00:00Z");
    const { complaintId } = await registerComplaintFromSurvey(prisma, { clock: fixedClock(at) }, {
      by: { actor: "U0SURVEYOR", staffId: null },
      surveyId: (await prisma.survey.findUniqueOrThrow({ where: { ticketId: tickets[0].id } })).id,
      customerId: tickets[0].customerId,
      ticketId: tickets[0].id,
      technicianId: technician.id,
      voucherNo: tickets[0].voucherNo,
      items: [
        { item: "skill", rating: "VERY_DISSATISFIED" },
        { item: "promiseKeeping", rating: "DISSATISFIED" },
      ],
      comment: null,
    });
    const complaint = await prisma.complaint.findUniqueOrThrow({ where: { id: complaintId } });
    expect(complaint).toMatchObject({ ticketId: tickets[0].id, technicianId: technician.id, severity: "GENERAL", status: "OPEN", receivedAt: at, source: "SURVEY", kind: "COMPLAINT" });
    expect(complaint.number).toMatch(/^CP-2026-\d{4}$/);
    expect(complaintDescription({ voucherNo: "SV-2026-000001", items: [{ item: "arrivalTime", rating: "DISSATISFIED" }], comment: "Late" })).toBe(
      "Survey of SV-2026-000001: the customer was not satisfied with arrival time (dissatisfied). Customer's comment: Late",
    );
  });
});

describe("survey figures from SQL (R20)", () => {
  it("R20: counts the calls closed in the period, those surveyed (answered, declined or no answer), inside warranty, and the satisfied answers per item", async () => {
    const { prisma, surveyor, surveys, branch } = await setup(4);
    const all = { attitude: "VERY_SATISFIED", skill: "SATISFIED", arrivalTime: "SATISFIED", promiseKeeping: "SATISFIED" } as const;
    await recordSurvey({ db: prisma, clock }, { actor: surveyor, surveyId: surveys[0].id, attempt: 1, outcome: "ANSWERED", ratings: all }); // A paid
    await recordSurvey({ db: prisma, clock }, { actor: surveyor, surveyId: surveys[1].id, attempt: 1, outcome: "ANSWERED", ratings: { ...all, skill: "DISSATISFIED" } }); // C warranty
    await recordSurvey({ db: prisma, clock }, { actor: surveyor, surveyId: surveys[2].id, attempt: 1, outcome: "UNREACHABLE" }); // A paid, not yet surveyed
    // surveys[3], C warranty: not recorded.

    const figures = await computeBranchSurveyFigures(prisma, { branchId: branch.id, closedFrom: new Date("2026-11-19T15:00:00Z"), closedTo: new Date("2026-11-20T15:00:00Z") });

    expect(figures).toMatchObject({ closed: 4, closedWarranty: 2, surveyed: 2, surveyedWarranty: 1, answered: 2, coverage: 50, warrantyCoverage: 50, satisfaction: 87.5 });
    expect(figures.satisfactionByItem).toEqual({ attitude: 100, skill: 50, arrivalTime: 100, promiseKeeping: 100 });
  });
});

describe("a missed day (R19)", () => {
  it("R19: when a working day's list was never built (the bot was down all day), the next list also has that day's calls", async () => {
    const { prisma, branch, technician } = await setup(); // Monday's list: Friday's call
    const monday = await createTicket(prisma, { branchId: branch.id, status: "CLOSED", assignedTechnicianId: technician.id, receivedAt: new Date("2026-11-23T01:00:00Z"), closedAt: new Date("2026-11-23T05:00:00Z") });
    const tuesday = await createTicket(prisma, { branchId: branch.id, status: "CLOSED", assignedTechnicianId: technician.id, receivedAt: new Date("2026-11-24T01:00:00Z"), closedAt: new Date("2026-11-24T05:00:00Z") });

    // Tuesday's run never happened; Wednesday's covers Monday and Tuesday.
    const built = await buildSurveyList({ db: prisma, clock }, { branchId: branch.id, date: "2026-11-25", previousDate: "2026-11-24", actor: "test" });

    expect(built).toEqual({ created: 2, listed: 2, messages: 1 });
    expect((await prisma.survey.findMany({ where: { ticketId: { in: [monday.id, tuesday.id] } } })).map((survey) => survey.dueOn)).toEqual([new Date("2026-11-25T00:00:00Z"), new Date("2026-11-25T00:00:00Z")]);
  });
});
