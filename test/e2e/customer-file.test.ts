// R23: `/repair customer <name, code or phone>` through the real HTTP endpoint against the Slack
// fake: one match opens the file in a modal, several give a private pick list, none says so, a
// technician is refused; the file shows calls (linked), surveys and complaints; the intake modal's
// customer context pushes the file over the form.
import { DISPATCH, deskSteps, useDeskApp } from "../support/desk";
import { createContract, createCustomer, createStaff, createTicket } from "../support/factories/data";
import { ACTIONS, BLOCKS, VIEWS } from "../../src/views/ids";

const app = useDeskApp({ U0MGR: { name: "choi.manager" } });
const { seedDesk, openIntake, chooseCustomer } = deskSteps(app);

async function customerCommand(text: string, userId = "U0DISP") {
  const result = await app.current.slack.driver.sendCommand({ text: `customer ${text}`, userId, channelId: DISPATCH });
  expect(result.problems).toEqual([]);
  expect(result.durationMs).toBeLessThan(3000);
  return result;
}

/** The file modal open for the user. */
async function fileModal(userId = "U0DISP") {
  return app.current.slack.waitFor((fake) => {
    const top = fake.modalStack(userId).at(-1);
    return top?.callback_id === VIEWS.customerFile ? top : undefined;
  });
}

async function replyTo(responseUrl: string) {
  const [reply] = await app.current.slack.waitFor((fake) => (fake.responsesTo(responseUrl).length ? fake.responsesTo(responseUrl) : undefined));
  return reply;
}

const sectionText = (view: { blocks: unknown[] }, blockId: string) => {
  const block = view.blocks.find((b) => (b as { block_id?: string }).block_id === blockId) as { text?: { text: string } } | undefined;
  return block?.text?.text ?? "";
};

describe("the customer's file (end to end)", () => {
  it("R23: by name, the dispatcher sees the file privately in a modal: grade, contacts, equipment with warranty, contracts", async () => {
    const { customer } = await seedDesk();
    await createContract(app.current.database.prisma, { customerId: customer.id, number: "MC-2026-7" });
    await customerCommand("hanbit");
    const modal = await fileModal();
    const text = JSON.stringify(modal.blocks);
    expect(text).toContain("Hanbit Foods");
    expect(sectionText(modal, BLOCKS.customerFileIdentity)).toContain("*Grade A*");
    expect(sectionText(modal, BLOCKS.customerFileIdentity)).toContain("02-555-0101");
    expect(sectionText(modal, BLOCKS.customerFileEquipment)).toContain("AC-900 compressor · SN-1001 — in warranty until 2027-01-10");
    expect(sectionText(modal, BLOCKS.customerFileContracts)).toContain("MC-2026-7 · 2026-01-01 → 2026-12-31 · Active, running");
    // Private: nothing was posted in the channel.
    expect(app.current.slack.messagesIn(DISPATCH)).toEqual([]);
  });

  it("R23: by code (any case) and by phone number", async () => {
    const { branch } = await seedDesk();
    const prisma = app.current.database.prisma;
    const daewon = await createCustomer(prisma, { branchId: branch.id, code: "DW-0077", name: "Daewon Motors", phone: "031-888-4321" });
    await customerCommand("dw-0077");
    expect(JSON.stringify((await fileModal()).blocks)).toContain("Daewon Motors");
    app.current.slack.driver.closeModal({ userId: "U0DISP" });

    await customerCommand("888 4321");
    const byPhone = await fileModal();
    expect(byPhone.private_metadata).toBe(String(daewon.id));
  });

  it("R23: several matches give a private list to pick from; Open file opens that one's file", async () => {
    const { branch } = await seedDesk();
    const logistics = await createCustomer(app.current.database.prisma, { branchId: branch.id, name: "Hanbit Logistics" });
    const command = await customerCommand("Hanbit");
    const reply = await replyTo(command.responseUrl!);
    expect(JSON.stringify(reply.body)).toContain("Several customers match *Hanbit*");
    expect(app.current.slack.modalStack("U0DISP")).toEqual([]);

    const list = await app.current.slack.waitFor((fake) => fake.ephemeralsFor("U0DISP").find((e) => JSON.stringify(e.blocks).includes(ACTIONS.customerFileOpen)));
    const click = await app.current.slack.driver.sendBlockActions({
      userId: "U0DISP",
      message: list,
      actions: [{ action_id: ACTIONS.customerFileOpen, block_id: `${BLOCKS.customerPickPrefix}${logistics.id}` }],
    });
    expect(click.problems).toEqual([]);
    const modal = await fileModal();
    expect(modal.private_metadata).toBe(String(logistics.id));
    expect(JSON.stringify(modal.blocks)).toContain("Hanbit Logistics");
  });

  it("R23: no match says so privately, and names other branches' matches without opening them", async () => {
    await seedDesk();
    const none = await customerCommand("Nobody Ltd");
    expect(JSON.stringify((await replyTo(none.responseUrl!)).body)).toContain("No customer matches *Nobody Ltd*");

    await createCustomer(app.current.database.prisma, { name: "Busan Fisheries" }); // another branch
    const elsewhere = await customerCommand("busan");
    expect(JSON.stringify((await replyTo(elsewhere.responseUrl!)).body)).toContain("1 in other branches");
    expect(app.current.slack.modalStack("U0DISP")).toEqual([]);
  });

  it("R23: a technician is refused, with who may open files; a manager of another branch may", async () => {
    await seedDesk();
    const refused = await customerCommand("hanbit", "U0TECH1");
    const text = JSON.stringify((await replyTo(refused.responseUrl!)).body);
    expect(text).toContain("Only dispatchers, service directors, managers and admins can open a customer's file.");
    expect(app.current.slack.modalStack("U0TECH1")).toEqual([]);

    await createStaff(app.current.database.prisma, { slackUserId: "U0MGR", name: "Choi", roles: ["MANAGER"] }); // in a branch of their own
    await customerCommand("hanbit", "U0MGR");
    expect(JSON.stringify((await fileModal("U0MGR")).blocks)).toContain("Hanbit Foods");
  });

  it("R20/R21/R23: the file lists open calls with their link, the last closed calls with outcome and fees, surveys and complaints", async () => {
    const { customer, tech1, equipment } = await seedDesk();
    const prisma = app.current.database.prisma;
    const open = await createTicket(prisma, {
      customerId: customer.id,
      equipmentId: equipment.id,
      status: "ASSIGNED",
      category: "C_WARRANTY",
      assignedTechnicianId: tech1.id,
      arrivalDeadline: new Date("2026-11-23T07:00:00Z"),
      slackChannelId: DISPATCH,
      slackMessageTs: "1795000000.000100",
    });
    const closed = await createTicket(prisma, { customerId: customer.id, status: "CLOSED", outcome: "FIXED_ON_SITE", closedAt: new Date("2026-11-20T06:00:00Z"), assignedTechnicianId: tech1.id });
    await prisma.charge.create({ data: { ticketId: closed.id, kind: "LABOUR", amount: 45000 } });
    await prisma.survey.create({
      data: { ticketId: closed.id, technicianId: tech1.id, dueOn: new Date("2026-11-21T00:00:00Z"), respondedAt: new Date("2026-11-23T00:30:00Z"), attitude: "VERY_SATISFIED", skill: "SATISFIED", arrivalTime: "DISSATISFIED", promiseKeeping: "SATISFIED", comment: "Two hours late" },
    });
    await prisma.complaint.create({ data: { customerId: customer.id, ticketId: closed.id, technicianId: tech1.id, severity: "SERIOUS", description: "Nobody called back", receivedAt: new Date("2026-11-23T00:40:00Z") } });

    await customerCommand(customer.code);
    const modal = await fileModal();
    expect(sectionText(modal, BLOCKS.customerFileOpenCalls)).toContain(`<https://slack.com/archives/${DISPATCH}/p1795000000000100|${open.voucherNo}> · Assigned · C warranty · Kim Minsu · due`);
    expect(sectionText(modal, BLOCKS.customerFileClosedCalls)).toMatch(new RegExp(`${closed.voucherNo} · closed .* · Fixed on site · (₩|KRW\\s?)45,000 · Kim Minsu`));
    expect(sectionText(modal, BLOCKS.customerFileSurveys)).toContain("attitude very satisfied, skill satisfied, arrival *dissatisfied*, promise satisfied");
    expect(sectionText(modal, BLOCKS.customerFileSurveys)).toContain("Two hours late");
    expect(sectionText(modal, BLOCKS.customerFileComplaints)).toContain(`:rotating_light: Serious · Open · ${closed.voucherNo} · Kim Minsu`);
    expect(sectionText(modal, BLOCKS.customerFileComplaints)).toContain("Nobody called back");
  });

  it("R23: `/repair customer` alone opens the modal with the type-ahead; picking shows that file; another branch's customer is refused in place", async () => {
    const { customer } = await seedDesk();
    const busan = await createCustomer(app.current.database.prisma, { name: "Busan Fisheries" }); // another branch
    await customerCommand("");
    const finder = await fileModal();
    expect(JSON.stringify(finder.blocks)).toContain("Type part of the customer's name or phone number");

    const suggestion = await app.current.slack.driver.sendBlockSuggestion({ userId: "U0DISP", view: finder, actionId: ACTIONS.customerFileSelect, blockId: BLOCKS.customerFileFinder, value: "hanb" });
    expect(suggestion.problems).toEqual([]);
    expect(JSON.stringify(suggestion.body)).toContain("Hanbit Foods");

    const pick = await app.current.slack.driver.sendBlockActions({ userId: "U0DISP", view: finder, actions: [{ action_id: ACTIONS.customerFileSelect, block_id: BLOCKS.customerFileFinder, value: String(customer.id) }] });
    expect(pick.problems).toEqual([]);
    const file = await app.current.slack.waitFor((fake) => (fake.openModal("U0DISP")?.private_metadata === String(customer.id) ? fake.openModal("U0DISP") : undefined));
    expect(file.id).toBe(finder.id); // updated in place
    expect(JSON.stringify(file.blocks)).toContain("AC-900 compressor");

    await app.current.slack.driver.sendBlockActions({ userId: "U0DISP", view: file, actions: [{ action_id: ACTIONS.customerFileSelect, block_id: BLOCKS.customerFileFinder, value: String(busan.id) }] });
    const refused = await app.current.slack.waitFor((fake) => (JSON.stringify(fake.openModal("U0DISP")?.blocks).includes("can open a customer's file") ? fake.openModal("U0DISP") : undefined));
    expect(JSON.stringify(refused.blocks)).not.toContain("Busan Fisheries");
  });

  it("R2/R23: the intake modal's customer context has Customer's file, which pushes the file over the form", async () => {
    const { customer } = await seedDesk();
    await openIntake();
    const intake = await chooseCustomer(customer.id);
    expect(JSON.stringify(intake.blocks)).toContain(ACTIONS.customerFileOpen);
    const click = await app.current.slack.driver.sendBlockActions({ userId: "U0DISP", view: intake, actions: [{ action_id: ACTIONS.customerFileOpen, block_id: BLOCKS.intakeCustomerContext }] });
    expect(click.problems).toEqual([]);
    const file = await fileModal();
    expect(file.private_metadata).toBe(String(customer.id));
    const stack = app.current.slack.modalStack("U0DISP");
    expect(stack.map((view) => view.callback_id)).toEqual([VIEWS.intake, VIEWS.customerFile]);
  });
});
