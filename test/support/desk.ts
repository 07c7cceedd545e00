// A Seoul service desk for end-to-end tests: a dispatcher, two technicians, a customer with
// equipment under warranty, and the steps from /repair to a posted ticket.
import { ACTIONS, BLOCKS, INPUTS } from "../../src/views/ids";
import { useTestApp, type TestApp } from "./app-harness";
import { eventually } from "./eventually";
import { createBranchWithCalendar, createCustomer, createDispatcher, createEquipment, createTechnician } from "./factories/data";

export const DISPATCH = "C0DISPATCH";

/** The app, at Monday 23 November 2026, 10:00 in Seoul, with the desk's Slack users and channels. */
export function useDeskApp(extraUsers: Record<string, { name: string }> = {}): { readonly current: TestApp } {
  return useTestApp({
    now: "2026-11-23T01:00:00Z",
    fake: {
      users: {
        U0DISP: { name: "park.jisoo" },
        U0TECH1: { name: "kim.minsu" },
        U0TECH2: { name: "lee.sora" },
        U0STRANGER: { name: "visitor" },
        ...extraUsers,
      },
      channels: { [DISPATCH]: { name: "dispatch-seoul" }, C0CHAT: { name: "customer-mail" } },
    },
  });
}

export function deskSteps(app: { readonly current: TestApp }) {
  async function seedDesk() {
    const prisma = app.current.database.prisma;
    const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", name: "Seoul service centre", timeZone: "Asia/Seoul", dispatchChannelId: DISPATCH });
    const dispatcher = await createDispatcher(prisma, { slackUserId: "U0DISP", name: "Park Jisoo", branchId: branch.id });
    const tech1 = await createTechnician(prisma, { slackUserId: "U0TECH1", name: "Kim Minsu", branchId: branch.id, areas: ["URBAN"], skills: ["compressor"] });
    const tech2 = await createTechnician(prisma, { slackUserId: "U0TECH2", name: "Lee Sora", branchId: branch.id, areas: ["URBAN", "SUBURBAN"] });
    const customer = await createCustomer(prisma, { name: "Hanbit Foods", phone: "02-555-0101", area: "URBAN", grade: "A", branchId: branch.id });
    const equipment = await createEquipment(prisma, { customerId: customer.id, model: "AC-900 compressor", serial: "SN-1001", acceptanceDate: new Date("2026-01-10"), warrantyEnd: new Date("2027-01-10") });
    return { branch, dispatcher, tech1, tech2, customer, equipment };
  }

  /** Opens the intake modal as the dispatcher and returns it. */
  async function openIntake(userId = "U0DISP") {
    const { slack } = app.current;
    const result = await slack.driver.sendCommand({ text: "new", userId, channelId: DISPATCH });
    expect(result.problems).toEqual([]);
    return slack.waitFor((fake) => fake.openModal(userId));
  }

  async function chooseCustomer(customerId: number) {
    const { slack } = app.current;
    const modal = slack.openModal("U0DISP")!;
    await slack.driver.sendBlockActions({ userId: "U0DISP", view: modal, actions: [{ action_id: ACTIONS.intakeCustomerSelect, block_id: BLOCKS.intakeCustomer, value: String(customerId) }] });
    return slack.waitFor((fake) => {
      const view = fake.openModal("U0DISP");
      return view && JSON.stringify(view).includes("SN-1001") ? view : undefined;
    });
  }

  async function registerCall(options: { fault?: string } = {}) {
    const desk = await seedDesk();
    await openIntake();
    const modal = await chooseCustomer(desk.customer.id);
    const submit = await app.current.slack.driver.sendViewSubmission({
      userId: "U0DISP",
      view: modal,
      values: { [BLOCKS.intakeFault]: { [INPUTS.fault]: options.fault ?? "Compressor trips after ten minutes" } },
    });
    expect(submit.problems).toEqual([]);
    const ticket = await eventually(async () => (await app.current.database.prisma.ticket.count()) === 1).then(() => app.current.database.prisma.ticket.findFirstOrThrow());
    await app.current.slack.waitFor((fake) => fake.messagesIn(DISPATCH).find((m) => m.text.includes(ticket.voucherNo)));
    return { ...desk, ticket, submit };
  }

  /** A registered call assigned to Kim Minsu (U0TECH1), who pressed Arrived in his DM. */
  async function onSite() {
    const call = await registerCall();
    const { slack } = app.current;
    await slack.driver.sendBlockActions({ userId: "U0DISP", message: slack.messagesIn(DISPATCH)[0], actions: [{ action_id: ACTIONS.ticketAssign }] });
    const assign = await slack.waitFor((fake) => fake.openModal("U0DISP"));
    await slack.driver.sendViewSubmission({ userId: "U0DISP", view: assign, values: { [BLOCKS.assignTechnician]: { [INPUTS.technician]: String(call.tech1.id) } } });
    const dm = await slack.waitFor((fake) => fake.messagesIn("D0TECH1")[0]);
    await slack.driver.sendBlockActions({ userId: "U0TECH1", message: dm, actions: [{ action_id: ACTIONS.ticketArrive }] });
    await slack.waitFor((fake) => (JSON.stringify(fake.messagesIn(DISPATCH)[0].blocks).includes(ACTIONS.ticketReportWork) ? true : undefined));
    return call;
  }

  return { seedDesk, openIntake, chooseCustomer, registerCall, onSite };
}
