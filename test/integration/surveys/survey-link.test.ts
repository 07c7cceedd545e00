// R20 on the customer's page: a link answers its survey once, whatever arrives at the same time.
import { fixedClock } from "../../../src/clock";
import { hashSurveyToken, newSurveyToken } from "../../../src/domain/survey-link";
import type { SurveyRatings } from "../../../src/domain/surveys";
import { answerSurveyByLink } from "../../../src/services/surveys/answer-survey-by-link";
import { createSurveyLink } from "../../../src/services/surveys/create-survey-link";
import { openSurveyLink } from "../../../src/services/surveys/open-survey-link";
import type { Role } from "../../../src/domain/permissions";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranchWithCalendar, createStaff, createTechnician, createTicket } from "../../support/factories/data";

const db = useTestDatabase();
const NOW = "2026-11-24T01:00:00Z";
const ratings: SurveyRatings = { attitude: "SATISFIED", skill: "SATISFIED", arrivalTime: "VERY_SATISFIED", promiseKeeping: "SATISFIED" };

async function linkedSurvey(clock = fixedClock(NOW)) {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", name: "Seoul" });
  const technician = await createTechnician(prisma, { branchId: branch.id, name: "Minsu Kim" });
  const ticket = await createTicket(prisma, { branchId: branch.id, status: "CLOSED", closedAt: new Date("2026-11-23T08:00:00Z") });
  const survey = await prisma.survey.create({ data: { ticketId: ticket.id, technicianId: technician.id, dueOn: new Date("2026-11-24T00:00:00Z") } });
  const tokens = [newSurveyToken(), newSurveyToken()];
  for (const token of tokens) {
    await prisma.surveyLink.create({ data: { surveyId: survey.id, tokenHash: hashSurveyToken(token), createdAt: clock.now(), expiresAt: new Date(clock.now().getTime() + 14 * 86_400_000) } });
  }
  return { deps: { db: prisma, clock }, survey, ticket, tokens };
}

describe("answering a survey by the customer's link (R20)", () => {
  it("R20: an open link shows the voucher and the technician's first name", async () => {
    const { deps, ticket, tokens } = await linkedSurvey();
    expect(await openSurveyLink(deps, { token: tokens[0] })).toMatchObject({ state: "open", voucherNo: ticket.voucherNo, technicianFirstName: "Minsu", timeZone: "Asia/Seoul" });
  });

  it("R20: the answers are stored with an audit row, and every link of the survey is then used", async () => {
    const { deps, survey, tokens } = await linkedSurvey();
    expect(await answerSurveyByLink(deps, { token: tokens[0], ratings, comment: "Fine" })).toEqual({ state: "answered" });
    const stored = await deps.db.survey.findUniqueOrThrow({ where: { id: survey.id } });
    expect(stored).toMatchObject({ ...ratings, comment: "Fine", outcome: "ANSWERED", method: "LINK", attempts: 1, respondedAt: new Date(NOW), recordedAt: new Date(NOW) });
    const audit = await deps.db.auditLog.findFirstOrThrow({ where: { action: "survey.record" } });
    expect(audit).toMatchObject({ actor: "customer:survey-link", entity: "Survey", entityId: String(survey.id) });
    expect(await deps.db.complaint.count()).toBe(0);
    expect(await answerSurveyByLink(deps, { token: tokens[0], ratings, comment: null })).toEqual({ state: "used" });
    expect(await answerSurveyByLink(deps, { token: tokens[1], ratings, comment: null })).toEqual({ state: "used" });
  });

  it("R20: two submissions at once record exactly one answer", async () => {
    const { deps, survey, tokens } = await linkedSurvey();
    const results = await Promise.all([
      answerSurveyByLink(deps, { token: tokens[0], ratings, comment: "first" }),
      answerSurveyByLink(deps, { token: tokens[1], ratings: { ...ratings, skill: "DISSATISFIED" }, comment: "second" }),
      answerSurveyByLink(deps, { token: tokens[0], ratings, comment: "third" }),
    ]);
    expect(results.filter((result) => result.state === "answered")).toHaveLength(1);
    expect(await deps.db.auditLog.count({ where: { action: "survey.record", entityId: String(survey.id) } })).toBe(1);
  });

  it("R21: an answer below satisfied on the page registers a complaint from the survey, with the answer", async () => {
    const { deps, survey, ticket, tokens } = await linkedSurvey();
    await answerSurveyByLink(deps, { token: tokens[0], ratings: { ...ratings, arrivalTime: "VERY_DISSATISFIED" }, comment: "Two hours late" });
    const complaint = await deps.db.complaint.findFirstOrThrow();
    expect(complaint).toMatchObject({ surveyId: survey.id, ticketId: ticket.id, technicianId: survey.technicianId, source: "SURVEY", severity: "GENERAL", registeredById: null });
    expect(complaint.description).toContain("arrival time (very dissatisfied)");
    expect(complaint.description).toContain("Two hours late");
  });

  it("R19/R20: a customer the surveyor could not reach may still answer on the page", async () => {
    const { deps, survey, tokens } = await linkedSurvey();
    await deps.db.survey.update({ where: { id: survey.id }, data: { outcome: "UNREACHABLE", attempts: 1 } });
    expect(await openSurveyLink(deps, { token: tokens[0] })).toMatchObject({ state: "open" });
    expect(await answerSurveyByLink(deps, { token: tokens[0], ratings, comment: null })).toEqual({ state: "answered" });
    expect(await deps.db.survey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({ outcome: "ANSWERED", attempts: 2 });
  });

  it("R20: a survey recorded by phone first leaves the link used", async () => {
    const { deps, survey, tokens } = await linkedSurvey();
    await deps.db.survey.update({ where: { id: survey.id }, data: { outcome: "ANSWERED", respondedAt: new Date(NOW), ...ratings } });
    expect(await openSurveyLink(deps, { token: tokens[0] })).toEqual({ state: "used" });
    expect(await answerSurveyByLink(deps, { token: tokens[0], ratings: { ...ratings, skill: "VERY_DISSATISFIED" }, comment: null })).toEqual({ state: "used" });
    expect((await deps.db.survey.findUniqueOrThrow({ where: { id: survey.id } })).skill).toBe("SATISFIED");
  });

  it("R20: an expired link records nothing; an unknown token finds nothing", async () => {
    const clock = fixedClock(NOW);
    const { deps, survey, tokens } = await linkedSurvey(clock);
    clock.advance(14 * 86_400_000);
    expect(await answerSurveyByLink(deps, { token: tokens[0], ratings, comment: null })).toEqual({ state: "expired" });
    expect((await deps.db.survey.findUniqueOrThrow({ where: { id: survey.id } })).respondedAt).toBeNull();
    expect(await answerSurveyByLink(deps, { token: newSurveyToken(), ratings, comment: null })).toEqual({ state: "unknown" });
    expect(await openSurveyLink(deps, { token: "short" })).toEqual({ state: "unknown" });
  });
});

describe("getting a customer's survey link (R20)", () => {
  async function surveyOfBranch() {
    const prisma = db.current.prisma;
    const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", name: "Seoul" });
    const other = await createBranchWithCalendar(prisma, { code: "BUSAN", name: "Busan" });
    const ticket = await createTicket(prisma, { branchId: branch.id, status: "CLOSED", closedAt: new Date("2026-11-23T08:00:00Z") });
    const survey = await prisma.survey.create({ data: { ticketId: ticket.id, dueOn: new Date("2026-11-24T00:00:00Z") } });
    const staff = async (roles: Role[], branchId = branch.id) => actorFor(await createStaff(prisma, { branchId, roles }));
    return { prisma, survey, ticket, staff, other };
  }

  it("R20: whoever may record the survey gets a new link each time, valid SURVEY_LINK_DAYS, kept only as a hash, audited", async () => {
    const { prisma, survey, ticket, staff } = await surveyOfBranch();
    const clock = fixedClock(NOW);
    const surveyor = await staff(["SURVEYOR"]);
    const first = await createSurveyLink({ db: prisma, clock, surveyLinkDays: 3 }, { actor: surveyor, surveyId: survey.id });
    expect(first).toMatchObject({ voucherNo: ticket.voucherNo, expiresAt: new Date("2026-11-27T01:00:00Z"), timeZone: "Asia/Seoul" });
    const second = await createSurveyLink({ db: prisma, clock }, { actor: await staff(["DISPATCHER"]), surveyId: survey.id });
    expect(second.token).not.toBe(first.token);
    expect(second.expiresAt).toEqual(new Date("2026-12-08T01:00:00Z"));
    const stored = await prisma.surveyLink.findMany({ orderBy: { id: "asc" } });
    expect(stored.map((link) => link.tokenHash)).toEqual([hashSurveyToken(first.token), hashSurveyToken(second.token)]);
    expect(JSON.stringify(stored)).not.toContain(first.token);
    expect(await prisma.auditLog.count({ where: { action: "survey.link" } })).toBe(2);
  });

  it("R20: a technician, or a dispatcher of another branch, is refused; no link is made", async () => {
    const { prisma, survey, staff, other } = await surveyOfBranch();
    const deps = { db: prisma, clock: fixedClock(NOW) };
    await expect(createSurveyLink(deps, { actor: await staff(["TECHNICIAN"]), surveyId: survey.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createSurveyLink(deps, { actor: await staff(["DISPATCHER"], other.id), surveyId: survey.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await prisma.surveyLink.count()).toBe(0);
  });

  it("R20: a survey already done gets no link, and the refusal says who recorded it", async () => {
    const { prisma, survey, staff } = await surveyOfBranch();
    const director = await staff(["DIRECTOR"]);
    await prisma.survey.update({ where: { id: survey.id }, data: { outcome: "DECLINED", recordedAt: new Date(NOW), recordedById: director.staffId } });
    await expect(createSurveyLink({ db: prisma, clock: fixedClock(NOW) }, { actor: director, surveyId: survey.id })).rejects.toMatchObject({
      code: "ALREADY_DONE",
      details: expect.objectContaining({ outcome: "DECLINED", by: director.slackUserId }),
    });
  });
});
