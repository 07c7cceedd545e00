// Issue 4: the technician's Report work modal and Close (R9–R14), through the real HTTP endpoint
// against the Slack fake: open from the ticket message, add a part row, an inline stock error,
// a good report (ticket message, thread, DM), then Close.
import { DISPATCH, deskSteps, useDeskApp } from "../support/desk";
import { ACTIONS, BLOCKS, INPUTS, VIEWS } from "../../src/views/ids";
import { createPart, createStaff } from "../support/factories/data";
import type { TypedValues } from "../../src/sandbox/slack/driver";

const app = useDeskApp({ U0ACCT: { name: "choi.accounts" } });
const { onSite } = deskSteps(app);

function threadOf(ts: string) {
  return app.current.slack.messagesIn(DISPATCH, ts).filter((m) => m.ts !== ts);
}

describe("reporting work and closing (end to end)", () => {
  it("R13/R14/R9: report from the ticket message with an extra part row; a bad quantity and a stock refusal show on the field; then Close", async () => {
    const { ticket, branch } = await onSite();
    const { slack } = app.current;
    const prisma = app.current.database.prisma;
    const part = await createPart(prisma, { partNo: "FAN-12", name: "Condenser fan", stock: [{ branchId: branch.id, quantity: 1 }] });
    const message = slack.messagesIn(DISPATCH)[0];

    // Someone else may not report.
    const refused = await slack.driver.sendBlockActions({ userId: "U0TECH2", message, actions: [{ action_id: ACTIONS.ticketReportWork }] });
    const [refusal] = await slack.waitFor((fake) => (fake.responsesTo(refused.responseUrl!).length ? fake.responsesTo(refused.responseUrl!) : undefined));
    expect(JSON.stringify(refusal.body)).toMatch(/technicians|service directors/);

    const open = await slack.driver.sendBlockActions({ userId: "U0TECH1", message, actions: [{ action_id: ACTIONS.ticketReportWork }] });
    expect(open.problems).toEqual([]);
    const modal = await slack.waitFor((fake) => fake.openModal("U0TECH1"));
    expect(modal).toMatchObject({ callback_id: VIEWS.reportWork });

    // Add a part: the view is updated with a second row.
    await slack.driver.sendBlockActions({ userId: "U0TECH1", view: modal, actions: [{ action_id: ACTIONS.reportAddPart }] });
    const twoRows = await slack.waitFor((fake) => {
      const view = fake.openModal("U0TECH1");
      return view && JSON.stringify(view.blocks).includes(`"${BLOCKS.reportPartPrefix}1"`) ? view : undefined;
    });

    const values = (quantity: string): TypedValues => ({
      [BLOCKS.reportHoursPrefix + ticket.category]: { [INPUTS.reportHours]: "1.5" },
      [BLOCKS.reportPartPrefix + "1"]: { [ACTIONS.reportPartSelect]: String(part.id) },
      [BLOCKS.reportPartQtyPrefix + "1"]: { [INPUTS.reportQuantity]: quantity },
      [BLOCKS.reportOutcomeBlock]: { [ACTIONS.reportOutcome]: "FIXED_ON_SITE" },
      [BLOCKS.reportSignedBy]: { [INPUTS.reportSignedBy]: "Choi Hana" },
      [BLOCKS.reportDiagnosis]: { [INPUTS.reportDiagnosis]: "Condenser fan seized" },
    });
    const bad = await slack.driver.sendViewSubmission({ userId: "U0TECH1", view: twoRows, values: values("0") });
    expect(bad.body).toMatchObject({ response_action: "errors", errors: { [BLOCKS.reportPartQtyPrefix + "1"]: expect.any(String) } });
    const tooMany = await slack.driver.sendViewSubmission({ userId: "U0TECH1", view: twoRows, values: values("2") });
    expect(tooMany.body).toMatchObject({ response_action: "errors", errors: { [BLOCKS.reportPartQtyPrefix + "1"]: "Only 1 left." } });
    expect(await prisma.visitReport.count()).toBe(0);

    const good = await slack.driver.sendViewSubmission({ userId: "U0TECH1", view: twoRows, values: values("1") });
    expect(good.problems).toEqual([]);
    await slack.waitFor(() => threadOf(message.ts).find((m) => /<@U0TECH1> reported work/.test(m.text) && m.text.includes("1 × FAN-12")));
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "RESOLVED", outcome: "FIXED_ON_SITE" });
    expect((await prisma.partStock.findFirstOrThrow({ where: { partId: part.id } })).quantity).toBe(0);
    const updated = await slack.waitFor((fake) => {
      const shown = fake.messagesIn(DISPATCH)[0];
      return JSON.stringify(shown.blocks).includes(BLOCKS.ticketWork) ? shown : undefined;
    });
    expect(JSON.stringify(updated.blocks)).toContain(ACTIONS.ticketClose);
    await slack.waitFor((fake) => (JSON.stringify(fake.messagesIn("D0TECH1")[0]?.blocks).includes(ACTIONS.ticketClose) ? true : undefined));

    // Close, prefilled from the report.
    await slack.driver.sendBlockActions({ userId: "U0TECH1", message: updated, actions: [{ action_id: ACTIONS.ticketClose }] });
    const close = await slack.waitFor((fake) => {
      const view = fake.openModal("U0TECH1");
      return view?.callback_id === VIEWS.closeTicket ? view : undefined;
    });
    expect(JSON.stringify(close.blocks)).toContain("Condenser fan seized");
    const closed = await slack.driver.sendViewSubmission({ userId: "U0TECH1", view: close });
    expect(closed.problems).toEqual([]);
    await slack.waitFor(() => threadOf(message.ts).find((m) => /<@U0TECH1> closed the call/.test(m.text)));
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "CLOSED", resolution: "Condenser fan seized" });
  });

  it("R11: choosing Taken to the workshop shows the custody fields; the receipt is posted in the thread", async () => {
    const { ticket } = await onSite();
    const { slack } = app.current;
    const prisma = app.current.database.prisma;
    const message = slack.messagesIn(DISPATCH)[0];
    await slack.driver.sendBlockActions({ userId: "U0TECH1", message, actions: [{ action_id: ACTIONS.ticketReportWork }] });
    const modal = await slack.waitFor((fake) => fake.openModal("U0TECH1"));
    expect(JSON.stringify(modal.blocks)).not.toContain(BLOCKS.reportCustodyItems);
    await slack.driver.sendBlockActions({ userId: "U0TECH1", view: modal, actions: [{ action_id: ACTIONS.reportOutcome, value: "TAKEN_TO_WORKSHOP" }] });
    const withCustody = await slack.waitFor((fake) => {
      const view = fake.openModal("U0TECH1");
      return view && JSON.stringify(view.blocks).includes(BLOCKS.reportCustodyItems) ? view : undefined;
    });
    const submit = await slack.driver.sendViewSubmission({
      userId: "U0TECH1",
      view: withCustody,
      values: {
        [BLOCKS.reportHoursPrefix + ticket.category]: { [INPUTS.reportHours]: "1" },
        [BLOCKS.reportCustodyItems]: { [INPUTS.reportCustodyItems]: "Compressor control board" },
        [BLOCKS.reportCustodyCondition]: { [INPUTS.reportCustodyCondition]: "Burn mark on relay" },
      },
    });
    expect(submit.problems).toEqual([]);
    await slack.waitFor(() => threadOf(message.ts).find((m) => m.text.includes(`Custody receipt ${ticket.voucherNo}-C1`)));
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "IN_WORKSHOP" });
    expect(await prisma.custodyReceipt.count({ where: { ticketId: ticket.id } })).toBe(1);
  });

  it("R10: a paid call shows the labour rate and fee fields; the report books labour, travel and the settlement", async () => {
    const { ticket, branch } = await onSite();
    const { slack } = app.current;
    const prisma = app.current.database.prisma;
    await prisma.ticket.update({ where: { id: ticket.id }, data: { category: "A_PAID" } });
    await prisma.branch.update({ where: { id: branch.id }, data: { labourRate: 40000 } });
    const message = slack.messagesIn(DISPATCH)[0];
    await slack.driver.sendBlockActions({ userId: "U0TECH1", message, actions: [{ action_id: ACTIONS.ticketReportWork }] });
    const modal = await slack.waitFor((fake) => fake.openModal("U0TECH1"));
    expect(JSON.stringify(modal.blocks)).toContain("₩40,000 per hour");
    const submit = await slack.driver.sendViewSubmission({
      userId: "U0TECH1",
      view: modal,
      values: {
        [BLOCKS.reportHoursPrefix + "A_PAID"]: { [INPUTS.reportHours]: "2" },
        [BLOCKS.reportOutcomeBlock]: { [ACTIONS.reportOutcome]: "REPLACEMENT_RECOMMENDED" },
        [BLOCKS.reportTravel]: { [INPUTS.reportTravel]: "15000" },
        [BLOCKS.reportSettlement]: { [INPUTS.reportSettlement]: "INVOICE_REQUESTED" },
        [BLOCKS.reportFeeAgreed]: { [INPUTS.reportFeeAgreed]: ["agreed"] },
      },
    });
    expect(submit.problems).toEqual([]);
    await slack.waitFor(() => threadOf(message.ts).find((m) => m.text.includes("Fee: ₩95,000 (Invoice requested")));
    const charges = await prisma.charge.findMany({ where: { ticketId: ticket.id }, orderBy: { id: "asc" } });
    expect(charges.map((c) => [c.kind, Number(c.amount), c.settlement])).toEqual([
      ["LABOUR", 80000, "INVOICE_REQUESTED"],
      ["TRAVEL", 15000, "INVOICE_REQUESTED"],
    ]);
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "RESOLVED", outcome: "REPLACEMENT_RECOMMENDED" });
  });

  it("R10: an invoice request reaches the accountant by DM, with each line and why; Mark invoiced updates it and empties /repair invoices", async () => {
    const { ticket, branch } = await onSite();
    const { slack } = app.current;
    const prisma = app.current.database.prisma;
    await createStaff(prisma, { slackUserId: "U0ACCT", name: "Choi Accounts", branchId: branch.id, roles: ["ACCOUNTANT"] });
    await prisma.ticket.update({ where: { id: ticket.id }, data: { category: "A_PAID" } });
    await prisma.branch.update({ where: { id: branch.id }, data: { labourRate: 400, onSiteCollectionLimit: 500 } });
    const message = slack.messagesIn(DISPATCH)[0];
    await slack.driver.sendBlockActions({ userId: "U0TECH1", message, actions: [{ action_id: ACTIONS.ticketReportWork }] });
    const modal = await slack.waitFor((fake) => fake.openModal("U0TECH1"));
    const values = (settlement: string): TypedValues => ({
      [BLOCKS.reportHoursPrefix + "A_PAID"]: { [INPUTS.reportHours]: "2" },
      [BLOCKS.reportOutcomeBlock]: { [ACTIONS.reportOutcome]: "FIXED_ON_SITE" },
      [BLOCKS.reportSignedBy]: { [INPUTS.reportSignedBy]: "Choi Hana" },
      [BLOCKS.reportMeals]: { [INPUTS.reportMeals]: "20" },
      [BLOCKS.reportSettlement]: { [INPUTS.reportSettlement]: settlement },
      [BLOCKS.reportFeeAgreed]: { [INPUTS.reportFeeAgreed]: ["agreed"] },
    });
    // 800 labour + 20 meals is above the 500 on-site limit: the field says so.
    const refused = await slack.driver.sendViewSubmission({ userId: "U0TECH1", view: modal, values: values("COLLECTED_ON_SITE") });
    expect(refused.body).toMatchObject({ response_action: "errors", errors: { [BLOCKS.reportSettlement]: expect.stringContaining("invoice") } });
    const submit = await slack.driver.sendViewSubmission({ userId: "U0TECH1", view: modal, values: values("INVOICE_REQUESTED") });
    expect(submit.problems).toEqual([]);
    await slack.waitFor(() => threadOf(message.ts).find((m) => m.text.includes("labour ₩800 (paid service)") && m.text.includes("meals ₩20")));

    const dm = await slack.waitFor((fake) => fake.messagesIn("D0ACCT").find((m) => m.text.includes(ticket.voucherNo)));
    expect(JSON.stringify(dm.blocks)).toContain("₩820");
    expect(JSON.stringify(dm.blocks)).toContain(ACTIONS.invoiceMark);

    const listed = await slack.driver.sendCommand({ text: "invoices", userId: "U0ACCT", channelId: DISPATCH });
    const [list] = await slack.waitFor((fake) => (fake.responsesTo(listed.responseUrl!).length ? fake.responsesTo(listed.responseUrl!) : undefined));
    expect(JSON.stringify(list.body)).toContain(ticket.voucherNo);

    await slack.driver.sendBlockActions({ userId: "U0ACCT", message: dm, actions: [{ action_id: ACTIONS.invoiceMark }] });
    const marked = await slack.waitFor((fake) => fake.messagesIn("D0ACCT").find((m) => m.ts === dm.ts && m.text.includes(ticket.voucherNo) && JSON.stringify(m.blocks).includes("Invoiced by <@U0ACCT>")));
    expect(JSON.stringify(marked.blocks)).not.toContain(ACTIONS.invoiceMark);
    expect(await prisma.invoiceRequest.findFirstOrThrow({ where: { ticketId: ticket.id } })).toMatchObject({ invoicedAt: expect.any(Date) });
    const again = await slack.driver.sendCommand({ text: "invoices", userId: "U0ACCT", channelId: DISPATCH });
    const [empty] = await slack.waitFor((fake) => (fake.responsesTo(again.responseUrl!).length ? fake.responsesTo(again.responseUrl!) : undefined));
    expect(JSON.stringify(empty.body)).toContain("No invoice requests are waiting");
  });
});
