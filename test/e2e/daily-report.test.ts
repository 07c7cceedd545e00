// R15 through the real HTTP endpoint against the Slack fake: `/repair day` opens the technician's
// daily report, corrections and submission go in one Submit, a DM confirms; a second submission is
// refused; App Home has a Daily report button; a director sees who has not submitted.
import { DISPATCH, deskSteps, useDeskApp } from "../support/desk";
import { createTicket } from "../support/factories/data";
import { dailyReportReminderJob } from "../../src/jobs/daily-report-reminder";
import { runJob } from "../../src/jobs/runner";
import { ACTIONS, BLOCKS, INPUTS } from "../../src/views/ids";
import { jobDeps } from "../integration/jobs/job-helpers";
import { untilDelivered } from "../support/outbox";

const app = useDeskApp();
const { seedDesk } = deskSteps(app);
const DATE = "2026-11-23"; // the desk's clock: Monday 10:00 in Seoul

async function seedDay() {
  const desk = await seedDesk();
  const prisma = app.current.database.prisma;
  await prisma.staff.update({ where: { id: desk.dispatcher.id }, data: { roles: ["DISPATCHER", "DIRECTOR"] } });
  const ticket = await createTicket(prisma, { branchId: desk.branch.id, customerId: desk.customer.id, assignedTechnicianId: desk.tech1.id, status: "ON_SITE" });
  const workDate = new Date(`${DATE}T00:00:00Z`);
  const paid = await prisma.workLog.create({ data: { technicianId: desk.tech1.id, ticketId: ticket.id, workDate, category: "A_PAID", hours: 2, description: "Replaced the fan" } });
  const warranty = await prisma.workLog.create({ data: { technicianId: desk.tech1.id, ticketId: ticket.id, workDate, category: "C_WARRANTY", hours: 1 } });
  const others = await prisma.workLog.create({ data: { technicianId: desk.tech2.id, ticketId: ticket.id, workDate, category: "A_PAID", hours: 4 } });
  return { ...desk, ticket, paid, warranty, others };
}

describe("daily work report (end to end)", () => {
  it("R15: `/repair day` → modal with the day's lines → correct + submit → DM with the totals; a second submission is refused", async () => {
    const { ticket, paid, warranty, others, tech1 } = await seedDay();
    const { slack } = app.current;
    const prisma = app.current.database.prisma;

    const command = await slack.driver.sendCommand({ text: "day", userId: "U0TECH1", channelId: DISPATCH });
    expect(command.problems).toEqual([]);
    const modal = await slack.waitFor((fake) => fake.openModal("U0TECH1"));
    const shown = JSON.stringify(modal.blocks);
    expect(shown).toContain(ticket.voucherNo);
    expect(shown).toContain("Hanbit Foods");
    expect(shown).toContain("Replaced the fan");
    expect(shown).toContain("A paid 2 h");
    expect(shown).toContain("C warranty 1 h");

    // Internal work with hours but no description is answered on the field.
    const bad = await slack.driver.sendViewSubmission({ userId: "U0TECH1", view: modal, values: { [BLOCKS.dailyInternalHours]: { [INPUTS.dailyInternalHours]: "1" } } });
    expect(bad.problems).toEqual([]);
    expect(bad.body).toMatchObject({ response_action: "errors", errors: { [BLOCKS.dailyInternalDescription]: expect.stringContaining("internal work") } });
    expect(await prisma.dailyWorkReport.count()).toBe(0);

    const submit = await slack.driver.sendViewSubmission({
      userId: "U0TECH1",
      view: modal,
      values: {
        [`${BLOCKS.dailyLinePrefix}${paid.id}`]: { [INPUTS.dailyHours]: "2.5" },
        [`${BLOCKS.dailyLinePrefix}${warranty.id}`]: { [INPUTS.dailyHours]: "0" },
        [BLOCKS.dailyInternalHours]: { [INPUTS.dailyInternalHours]: "1" },
        [BLOCKS.dailyInternalDescription]: { [INPUTS.dailyInternalDescription]: "Van inventory" },
        [BLOCKS.dailyNotes]: { [INPUTS.dailyNotes]: "Customer asked for a follow-up" },
      },
    });
    expect(submit.problems).toEqual([]);
    expect(slack.openModal("U0TECH1")).toBeUndefined();
    const dm = await slack.waitFor((fake) => fake.messagesIn("D0TECH1").find((m) => m.text.includes("submitted")));
    const dmText = JSON.stringify(dm.blocks);
    expect(dmText).toContain(ticket.voucherNo);
    expect(dmText).toContain("A paid 2.5 h");
    expect(dmText).toContain("D internal 1 h");
    expect(dmText).toContain("all 3.5 h");

    expect(await prisma.dailyWorkReport.findMany()).toEqual([expect.objectContaining({ technicianId: tech1.id, notes: "Customer asked for a follow-up" })]);
    expect(await prisma.workLog.findUnique({ where: { id: warranty.id } })).toBeNull();
    expect(Number((await prisma.workLog.findUniqueOrThrow({ where: { id: paid.id } })).hours)).toBe(2.5);
    expect(Number((await prisma.workLog.findUniqueOrThrow({ where: { id: others.id } })).hours)).toBe(4);

    // The same modal submitted again (a double click, a second window): refused, says when.
    const again = await slack.driver.sendViewSubmission({ userId: "U0TECH1", view: modal });
    expect(again.problems).toEqual([]);
    expect(JSON.stringify(again.body)).toMatch(/already submitted at 2026-11-23 10:00/);
    expect(await prisma.dailyWorkReport.count()).toBe(1);

    // Opening the day again shows it read-only.
    await slack.driver.sendCommand({ text: `day ${DATE}`, userId: "U0TECH1", channelId: DISPATCH });
    const readOnly = await slack.waitFor((fake) => {
      const view = fake.openModal("U0TECH1");
      return view && JSON.stringify(view.blocks).includes("was submitted") ? view : undefined;
    });
    expect(readOnly.submit ?? null).toBeNull();
  });

  it("R15: App Home has a Daily report button for technicians that opens the modal", async () => {
    await seedDay();
    const { slack } = app.current;
    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0TECH2", tab: "home" });
    await slack.waitFor({ method: "views.publish" });
    const home = slack.homeView("U0TECH2")!;
    expect(JSON.stringify(home)).toContain(ACTIONS.dailyReportOpen);
    const click = await slack.driver.sendBlockActions({ userId: "U0TECH2", view: home, actions: [{ action_id: ACTIONS.dailyReportOpen }] });
    expect(click.problems).toEqual([]);
    const modal = await slack.waitFor((fake) => fake.openModal("U0TECH2"));
    expect(JSON.stringify(modal.blocks)).toContain("A paid 4 h");
  });

  it("R15: a director's `/repair day` lists who has and has not submitted, privately", async () => {
    const { tech1 } = await seedDay();
    const { slack } = app.current;
    const prisma = app.current.database.prisma;
    await prisma.dailyWorkReport.create({ data: { technicianId: tech1.id, workDate: new Date(`${DATE}T00:00:00Z`), submittedAt: new Date("2026-11-23T00:30:00Z") } });

    const command = await slack.driver.sendCommand({ text: "day team", userId: "U0DISP", channelId: DISPATCH });
    expect(command.problems).toEqual([]);
    const [reply] = await slack.waitFor((fake) => (fake.responsesTo(command.responseUrl!).length ? fake.responsesTo(command.responseUrl!) : undefined));
    expect(reply.body).toMatchObject({ response_type: "ephemeral" });
    const pending = JSON.stringify(reply.body).split("Submitted (")[0];
    expect(pending).toContain("Not submitted yet (1)");
    expect(pending).toContain("<@U0TECH2>");
    expect(pending).not.toContain("<@U0TECH1>");
    expect(JSON.stringify(reply.body).split("Submitted (")[1]).toContain("<@U0TECH1>");

    // A dispatcher without the director role is refused.
    await prisma.staff.update({ where: { slackUserId: "U0DISP" }, data: { roles: ["DISPATCHER"] } });
    const refused = await slack.driver.sendCommand({ text: "day", userId: "U0DISP", channelId: DISPATCH });
    const [answer] = await slack.waitFor((fake) => (fake.responsesTo(refused.responseUrl!).length ? fake.responsesTo(refused.responseUrl!) : undefined));
    expect(JSON.stringify(answer.body)).toContain("Only technicians file a daily report");
  });

  it("R15: the reminder DM before closing opens the daily report from its button", async () => {
    await seedDay();
    const { slack, clock } = app.current;
    clock.set("2026-11-23T08:00:00Z"); // 17:00 in Seoul, an hour before closing
    const outcomes = await runJob(jobDeps(app.current.database.prisma, clock), dailyReportReminderJob, { dueOnly: true });
    expect(outcomes).toEqual([expect.objectContaining({ outcome: "ran", summary: { reminded: 2, submitted: 0 } })]);
    await untilDelivered(app.current.database.prisma);
    const [reminder] = slack.messagesIn("D0TECH2");
    expect(reminder.text).toContain("not submitted yet");
    const click = await slack.driver.sendBlockActions({ userId: "U0TECH2", message: reminder, actions: [{ action_id: ACTIONS.dailyReportOpen }] });
    expect(click.problems).toEqual([]);
    const modal = await slack.waitFor((fake) => fake.openModal("U0TECH2"));
    expect(modal.private_metadata).toBe(DATE);
    expect(JSON.stringify(modal.blocks)).toContain("A paid 4 h");
  });
});
