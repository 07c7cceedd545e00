// Issue 4: a whole bench repair (R9–R14) through Slack only, as a technician lives it: arrive, take the
// item back with Report work (custody receipt in the thread), log workshop hours and a part by thread
// reply (the repair card), mark it waiting for parts and repaired in `/repair register`, return it
// signed (receipt void, call resolved), and close the call.
import { ACTIONS, BLOCKS, INPUTS, VIEWS } from "../../src/views/ids";
import { useTestApp } from "../support/app-harness";
import { DISPATCH, deskSteps } from "../support/desk";
import { eventually } from "../support/eventually";
import { createPart } from "../support/factories/data";

const app = useTestApp({
  now: "2026-11-23T01:00:00Z",
  fake: {
    users: { U0DISP: { name: "park.jisoo" }, U0TECH1: { name: "kim.minsu" }, U0TECH2: { name: "lee.sora" } },
    channels: { [DISPATCH]: { name: "dispatch-seoul" } },
  },
});
const { registerCall } = deskSteps(app);

describe("a bench repair from the field to the customer (end to end)", () => {
  it("R11/R13/R14: taken back with a custody receipt, repaired on the card, returned signed, closed", async () => {
    const { ticket, tech1, branch } = await registerCall();
    const { slack } = app.current;
    const prisma = app.current.database.prisma;
    const part = await createPart(prisma, { partNo: "P-2001", name: "Control board", stock: [{ branchId: branch.id, quantity: 2 }] });
    const ticketMessage = slack.messagesIn(DISPATCH)[0];
    const thread = () => slack.messagesIn(DISPATCH, ticketMessage.ts).filter((m) => m.ts !== ticketMessage.ts);
    const showing = (actionId: string) => slack.waitFor((fake) => (JSON.stringify(fake.messagesIn(DISPATCH)[0].blocks).includes(actionId) ? fake.messagesIn(DISPATCH)[0] : undefined));
    const ephemeralWith = (text: string) => slack.waitFor((fake) => fake.ephemeralsFor("U0TECH1").filter((e) => JSON.stringify(e.blocks).includes(text)).at(-1));

    // Assigned, on site.
    await slack.driver.sendBlockActions({ userId: "U0DISP", message: ticketMessage, actions: [{ action_id: ACTIONS.ticketAssign }] });
    const assign = await slack.waitFor((fake) => fake.openModal("U0DISP"));
    await slack.driver.sendViewSubmission({ userId: "U0DISP", view: assign, values: { [BLOCKS.assignTechnician]: { [INPUTS.technician]: String(tech1.id) } } });
    await slack.driver.sendBlockActions({ userId: "U0TECH1", message: await showing(ACTIONS.ticketArrive), actions: [{ action_id: ACTIONS.ticketArrive }] });

    // R11: Report work → Taken to the workshop: the custody receipt goes to the thread.
    await slack.driver.sendBlockActions({ userId: "U0TECH1", message: await showing(ACTIONS.ticketReportWork), actions: [{ action_id: ACTIONS.ticketReportWork }] });
    const report = await slack.waitFor((fake) => fake.openModal("U0TECH1"));
    await slack.driver.sendBlockActions({ userId: "U0TECH1", view: report, actions: [{ action_id: ACTIONS.reportOutcome, value: "TAKEN_TO_WORKSHOP" }] });
    const withCustody = await slack.waitFor((fake) => {
      const view = fake.openModal("U0TECH1");
      return view && JSON.stringify(view.blocks).includes(BLOCKS.reportCustodyItems) ? view : undefined;
    });
    const taken = await slack.driver.sendViewSubmission({
      userId: "U0TECH1",
      view: withCustody,
      values: {
        [BLOCKS.reportHoursPrefix + ticket.category]: { [INPUTS.reportHours]: "0.5" },
        [BLOCKS.reportCustodyItems]: { [INPUTS.reportCustodyItems]: "AC-900 controller" },
        [BLOCKS.reportCustodyCondition]: { [INPUTS.reportCustodyCondition]: "Scorched relay" },
        [BLOCKS.reportCustodyAccessories]: { [INPUTS.reportCustodyAccessories]: "Power cord" },
      },
    });
    expect(taken.problems).toEqual([]);
    const receiptNumber = `${ticket.voucherNo}-C1`;
    await slack.waitFor(() => thread().find((m) => m.text.includes(`Custody receipt ${receiptNumber}`)));
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "IN_WORKSHOP" });

    // R13/R14: workshop hours and a part by thread reply, booked to the call (the repair card).
    const hours = await slack.driver.sendEvent({ type: "message", user: "U0TECH1", channel: DISPATCH, thread_ts: ticketMessage.ts, text: "hours 2\npart P-2001" });
    expect(hours.problems).toEqual([]);
    await eventually(async () => (await prisma.partUsage.count({ where: { ticketId: ticket.id } })) === 1, 3000, "the part booked");
    expect((await prisma.partStock.findFirstOrThrow({ where: { partId: part.id } })).quantity).toBe(1);

    // R11: the register shows the item and its repair card; waiting for parts, then repaired.
    const register = await slack.driver.sendCommand({ text: "register", userId: "U0TECH1", channelId: DISPATCH });
    expect(register.problems).toEqual([]);
    const listing = await ephemeralWith(receiptNumber);
    const listed = JSON.stringify(listing.blocks);
    expect(listed).toContain("AC-900 controller");
    expect(listed).toContain("P-2001");
    const receipt = await prisma.custodyReceipt.findFirstOrThrow({ where: { ticketId: ticket.id } });
    for (const state of ["WAITING_PARTS", "REPAIRED"]) {
      const chosen = await slack.driver.sendBlockActions({
        userId: "U0TECH1",
        message: listing,
        actions: [{ action_id: ACTIONS.registerStateSelect, block_id: `${BLOCKS.registerItemPrefix}${receipt.id}`, value: `${receipt.id}:${state}` }],
      });
      expect(chosen.problems).toEqual([]);
      await eventually(async () => (await prisma.custodyReceipt.findUniqueOrThrow({ where: { id: receipt.id } })).state === state, 3000, `the item ${state}`);
    }

    // R11: back to the customer, signed: the receipt is void and the call resolved.
    await slack.driver.sendBlockActions({ userId: "U0TECH1", message: await showing(ACTIONS.ticketReturnItem), actions: [{ action_id: ACTIONS.ticketReturnItem }] });
    const giveBack = await slack.waitFor((fake) => {
      const view = fake.openModal("U0TECH1");
      return view && JSON.stringify(view).includes(BLOCKS.custodyReturnSignedBy) ? view : undefined;
    });
    const returned = await slack.driver.sendViewSubmission({ userId: "U0TECH1", view: giveBack, values: { [BLOCKS.custodyReturnSignedBy]: { [INPUTS.custodySignedBy]: "Choi Mina" } } });
    expect(returned.problems).toEqual([]);
    await slack.waitFor(() => thread().find((m) => m.text.includes("signed by Choi Mina") && m.text.includes("void")));
    expect(await prisma.custodyReceipt.findUniqueOrThrow({ where: { id: receipt.id } })).toMatchObject({ state: "RETURNED", returnSignedBy: "Choi Mina" });

    // Closed, with the resolution recorded.
    await slack.driver.sendBlockActions({ userId: "U0TECH1", message: await showing(ACTIONS.ticketClose), actions: [{ action_id: ACTIONS.ticketClose }] });
    const close = await slack.waitFor((fake) => {
      const view = fake.openModal("U0TECH1");
      return view?.callback_id === VIEWS.closeTicket ? view : undefined;
    });
    const closed = await slack.driver.sendViewSubmission({ userId: "U0TECH1", view: close, values: { [BLOCKS.closeResolution]: { [INPUTS.closeResolution]: "Controller relay replaced in the workshop" } } });
    expect(closed.problems).toEqual([]);
    await eventually(async () => (await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status === "CLOSED", 3000, "the call closed");

    // The card: hours on site and in the workshop, the part, all on the call.
    const logged = await prisma.workLog.findMany({ where: { ticketId: ticket.id }, orderBy: { id: "asc" } });
    expect(logged.map((log) => Number(log.hours))).toEqual([0.5, 2]);
    expect(await prisma.goodsMovement.findMany({ where: { receiptId: receipt.id }, orderBy: { id: "asc" }, select: { direction: true } })).toEqual([{ direction: "IN" }, { direction: "OUT" }]);
  });
});
