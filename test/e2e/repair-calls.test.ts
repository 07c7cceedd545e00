// Issue: repair calls end to end — /repair, the intake modal, the ticket message and assigning,
// through the real HTTP endpoint against the Slack fake.
import { DISPATCH, deskSteps, useDeskApp } from "../support/desk";
import { ACTIONS, BLOCKS, INPUTS, SHORTCUTS } from "../../src/views/ids";
import { untilDelivered } from "../support/outbox";

const app = useDeskApp();
const { seedDesk, openIntake, chooseCustomer, registerCall } = deskSteps(app);

describe("/repair (end to end)", () => {
  it("R2: a dispatcher's /repair opens the intake modal", async () => {
    await seedDesk();
    const modal = await openIntake();
    expect(modal).toMatchObject({ callback_id: "repair_intake" });
  });

  it("refuses /repair new to someone who is not a dispatcher, director or admin, naming who can", async () => {
    await seedDesk();
    const { slack } = app.current;
    const result = await slack.driver.sendCommand({ text: "new", userId: "U0STRANGER", channelId: DISPATCH });
    const [reply] = await slack.waitFor((fake) => (fake.responsesTo(result.responseUrl!).length ? fake.responsesTo(result.responseUrl!) : undefined));
    expect(JSON.stringify(reply.body)).toMatch(/dispatcher/i);
    expect(slack.callsTo("views.open")).toHaveLength(0);
  });

  it("R2/R23: the type-ahead finds customers by name or phone", async () => {
    const desk = await seedDesk();
    await openIntake();
    const { slack } = app.current;
    const byName = await slack.driver.sendBlockSuggestion({ userId: "U0DISP", actionId: ACTIONS.intakeCustomerSelect, blockId: BLOCKS.intakeCustomer, value: "hanbit", view: slack.openModal("U0DISP") });
    expect(byName.body).toMatchObject({ options: [expect.objectContaining({ value: String(desk.customer.id) })] });
    const byPhone = await slack.driver.sendBlockSuggestion({ userId: "U0DISP", actionId: ACTIONS.intakeCustomerSelect, blockId: BLOCKS.intakeCustomer, value: "555 0101", view: slack.openModal("U0DISP") });
    expect(byPhone.body).toMatchObject({ options: [expect.objectContaining({ value: String(desk.customer.id) })] });
  });

  it("R1/R4/R6: choosing a customer shows their equipment; submitting posts the ticket with voucher, category and deadline", async () => {
    const { ticket, customer } = await registerCall();
    expect(ticket.voucherNo).toBe("SV-2026-000001");
    expect(ticket.status).toBe("REGISTERED");
    expect(ticket.category).toBe("C_WARRANTY");
    // Monday 10:00 Seoul + 6 working hours (09:00–18:00) = Monday 16:00 Seoul.
    expect(ticket.arrivalDeadline?.toISOString()).toBe("2026-11-23T07:00:00.000Z");
    const [message] = app.current.slack.messagesIn(DISPATCH);
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain("SV-2026-000001");
    expect(shown).toContain(customer.name);
    expect(shown).toContain("<!date^");
    // The thread is the ticket's history: its first reply says who registered the call.
    const reply = await app.current.slack.waitFor((fake) => fake.messagesIn(DISPATCH, message.ts).find((m) => m.ts !== message.ts));
    expect(reply.text).toMatch(/<@U0DISP>.*registered the call/);
  });

  it("never creates two tickets when the same modal is submitted twice", async () => {
    const { submit } = await registerCall();
    const again = await app.current.slack.driver.sendViewSubmission({ userId: "U0DISP", view: submit.payload.view as never });
    expect(again.status).toBe(200);
    await app.current.slack.driver.settle();
    expect(await app.current.database.prisma.ticket.count()).toBe(1);
    expect(app.current.slack.messagesIn(DISPATCH).filter((m) => !m.thread_ts || m.thread_ts === m.ts)).toHaveLength(1);
  });

  it("R4: the same submission delivered 20 times at once makes one ticket, one message and one thread", async () => {
    const desk = await seedDesk();
    await openIntake();
    const modal = await chooseCustomer(desk.customer.id);
    const values = { [BLOCKS.intakeFault]: { [INPUTS.fault]: "Compressor trips after ten minutes" } };
    const deliveries = await Promise.all(Array.from({ length: 20 }, () => app.current.slack.driver.sendViewSubmission({ userId: "U0DISP", view: modal, values })));
    expect(deliveries.map((d) => d.status)).toEqual(Array(20).fill(200));
    await app.current.slack.driver.settle();
    // Everything the submissions queued has been delivered: the repeats queued nothing.
    await untilDelivered(app.current.database.prisma);
    expect(await app.current.database.prisma.ticket.count()).toBe(1);
    const topLevel = app.current.slack.messagesIn(DISPATCH).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
    expect(topLevel).toHaveLength(1);
    const thread = app.current.slack.messagesIn(DISPATCH, topLevel[0].ts).filter((m) => m.ts !== topLevel[0].ts);
    expect(thread.map((m) => m.text)).toEqual([expect.stringMatching(/registered the call/)]);
  });

  it("R5: Assign lists the branch's technicians; assigning updates the ticket, writes its thread and DMs the technician", async () => {
    const { ticket, tech1 } = await registerCall();
    const { slack } = app.current;
    const message = slack.messagesIn(DISPATCH)[0];
    const click = await slack.driver.sendBlockActions({ userId: "U0DISP", message, actions: [{ action_id: ACTIONS.ticketAssign }] });
    expect(click.problems).toEqual([]);
    const modal = await slack.waitFor((fake) => fake.openModal("U0DISP"));
    expect(JSON.stringify(modal)).toContain("Kim Minsu");
    expect(JSON.stringify(modal)).toContain("Lee Sora");

    await slack.driver.sendViewSubmission({ userId: "U0DISP", view: modal, values: { [BLOCKS.assignTechnician]: { [INPUTS.technician]: String(tech1.id) } } });
    await slack.waitFor({ method: "chat.update" });
    const dm = await slack.waitFor((fake) => fake.messagesIn("D0TECH1")[0]);
    expect(dm.text).toContain(ticket.voucherNo);
    const history = await slack.waitFor((fake) => fake.messagesIn(DISPATCH, message.ts).find((m) => /assigned/.test(m.text)));
    expect(history.text).toMatch(/<@U0DISP> assigned <@U0TECH1>/);
    const stored = await app.current.database.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(stored).toMatchObject({ status: "ASSIGNED", assignedTechnicianId: tech1.id });
  });

  it("R5: re-assigning tells both technicians", async () => {
    const { tech1, tech2 } = await registerCall();
    const { slack } = app.current;
    for (const technician of [tech1, tech2]) {
      const message = slack.messagesIn(DISPATCH)[0];
      await slack.driver.sendBlockActions({ userId: "U0DISP", message, actions: [{ action_id: ACTIONS.ticketAssign }] });
      const modal = await slack.waitFor((fake) => fake.openModal("U0DISP"));
      await slack.driver.sendViewSubmission({ userId: "U0DISP", view: modal, values: { [BLOCKS.assignTechnician]: { [INPUTS.technician]: String(technician.id) } } });
      await slack.waitFor((fake) => fake.messagesIn(`D${technician.slackUserId.slice(1)}`)[0]);
    }
    // Kim Minsu heard of the assignment, then that the call went to Lee Sora.
    const notice = await slack.waitFor((fake) => fake.messagesIn("D0TECH1")[1]);
    expect(JSON.stringify(notice)).toMatch(/Lee Sora|U0TECH2/);
    expect(await app.current.database.prisma.assignment.count()).toBe(2);
    expect(await app.current.database.prisma.assignment.count({ where: { endedAt: null } })).toBe(1);
  });

  it("lists the branch's open tickets and shows one by its voucher number", async () => {
    const { ticket } = await registerCall();
    const { slack } = app.current;
    const list = await slack.driver.sendCommand({ text: "list open", userId: "U0DISP", channelId: DISPATCH });
    const [listed] = await slack.waitFor((fake) => (fake.responsesTo(list.responseUrl!).length ? fake.responsesTo(list.responseUrl!) : undefined));
    expect(JSON.stringify(listed.body)).toContain(ticket.voucherNo);

    const show = await slack.driver.sendCommand({ text: ticket.voucherNo.toLowerCase(), userId: "U0DISP", channelId: DISPATCH });
    const [shown] = await slack.waitFor((fake) => (fake.responsesTo(show.responseUrl!).length ? fake.responsesTo(show.responseUrl!) : undefined));
    expect(JSON.stringify(shown.body)).toContain(ticket.voucherNo);
  });

  it("cancels a ticket with a reason and shows it on the message", async () => {
    const { ticket } = await registerCall();
    const { slack } = app.current;
    await slack.driver.sendBlockActions({ userId: "U0DISP", message: slack.messagesIn(DISPATCH)[0], actions: [{ action_id: ACTIONS.ticketCancel }] });
    const modal = await slack.waitFor((fake) => fake.openModal("U0DISP"));
    await slack.driver.sendViewSubmission({ userId: "U0DISP", view: modal, values: { [BLOCKS.cancelReason]: { [INPUTS.cancelReason]: "Customer fixed it themselves" } } });
    await slack.waitFor({ method: "chat.update" });
    const stored = await app.current.database.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(stored).toMatchObject({ status: "CANCELLED", cancelReason: "Customer fixed it themselves" });
  });

  it("opens the intake modal from a message with the fault pre-filled", async () => {
    await seedDesk();
    const { slack } = app.current;
    const posted = await slack.driver.sendEvent({ type: "message", channel: "C0CHAT", user: "U0STRANGER", text: "Our walk-in freezer is at -5°C since this morning" });
    expect(posted.status).toBe(200);
    const message = slack.messagesIn("C0CHAT")[0];
    await slack.driver.sendShortcut({ callbackId: SHORTCUTS.createRepairCall, userId: "U0DISP", message });
    const modal = await slack.waitFor((fake) => fake.openModal("U0DISP"));
    expect(JSON.stringify(modal)).toContain("walk-in freezer");
  });
});

describe("when the customer called (R6, end to end)", () => {
  const seconds = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

  it("R6: the clock starts at the customer's call: a call taken Friday 17:00 and registered Monday 10:00 is due Monday 14:00, and the ticket says when they called", async () => {
    const desk = await seedDesk();
    const opened = await openIntake();
    // The picker defaults to now (Monday 10:00 in Seoul).
    expect(JSON.stringify(opened)).toContain(`"initial_date_time":${seconds("2026-11-23T01:00:00Z")}`);
    const modal = await chooseCustomer(desk.customer.id);
    const { slack } = app.current;
    const submit = await slack.driver.sendViewSubmission({
      userId: "U0DISP",
      view: modal,
      values: {
        [BLOCKS.intakeFault]: { [INPUTS.fault]: "Compressor trips after ten minutes" },
        [BLOCKS.intakeCalledAt]: { [INPUTS.calledAt]: seconds("2026-11-20T08:00:00Z") }, // Friday 17:00 in Seoul
      },
    });
    expect(submit.problems).toEqual([]);
    const message = await slack.waitFor((fake) => fake.messagesIn(DISPATCH)[0]);
    const ticket = await app.current.database.prisma.ticket.findFirstOrThrow();
    expect(ticket.calledAt.toISOString()).toBe("2026-11-20T08:00:00.000Z");
    expect(ticket.receivedAt.toISOString()).toBe("2026-11-23T01:00:00.000Z");
    // Friday 17:00–18:00 is one working hour; the other five end Monday 14:00 in Seoul.
    expect(ticket.arrivalDeadline?.toISOString()).toBe("2026-11-23T05:00:00.000Z");
    expect(JSON.stringify(message.blocks)).toContain(`*Customer called*\\n<!date^${seconds("2026-11-20T08:00:00Z")}^`);
  });

  it("R6: a call in the future, or more than 3 days back, is refused on the Customer called at field", async () => {
    const desk = await seedDesk();
    await openIntake();
    const modal = await chooseCustomer(desk.customer.id);
    const { slack } = app.current;
    const fault = { [BLOCKS.intakeFault]: { [INPUTS.fault]: "Compressor trips" } };
    const future = await slack.driver.sendViewSubmission({ userId: "U0DISP", view: modal, values: { ...fault, [BLOCKS.intakeCalledAt]: { [INPUTS.calledAt]: seconds("2026-11-23T02:00:00Z") } } });
    expect(future.body).toMatchObject({ response_action: "errors", errors: { [BLOCKS.intakeCalledAt]: expect.stringContaining("future") } });
    const old = await slack.driver.sendViewSubmission({ userId: "U0DISP", view: modal, values: { ...fault, [BLOCKS.intakeCalledAt]: { [INPUTS.calledAt]: seconds("2026-11-19T01:00:00Z") } } });
    expect(old.body).toMatchObject({ response_action: "errors", errors: { [BLOCKS.intakeCalledAt]: expect.stringContaining("3 days") } });
    expect(await app.current.database.prisma.ticket.count()).toBe(0);
  });

  it("R6: from a message, the modal offers the message's time as when the customer called, and the deadline counts from it", async () => {
    const desk = await seedDesk();
    const { slack } = app.current;
    // The customer's message came in at 09:30 Monday, Seoul.
    await slack.driver.sendEvent({ type: "message", channel: "C0CHAT", user: "U0STRANGER", text: "Freezer alarm, please come", ts: `${seconds("2026-11-23T00:30:00Z")}.000100` });
    const message = slack.messagesIn("C0CHAT")[0];
    await slack.driver.sendShortcut({ callbackId: SHORTCUTS.createRepairCall, userId: "U0DISP", message });
    const opened = await slack.waitFor((fake) => fake.openModal("U0DISP"));
    expect(JSON.stringify(opened)).toContain(`"initial_date_time":${seconds("2026-11-23T00:30:00Z")}`);
    const modal = await chooseCustomer(desk.customer.id);
    const submit = await slack.driver.sendViewSubmission({ userId: "U0DISP", view: modal });
    expect(submit.problems).toEqual([]);
    await slack.waitFor((fake) => fake.messagesIn(DISPATCH)[0]);
    const ticket = await app.current.database.prisma.ticket.findFirstOrThrow();
    expect(ticket.calledAt.toISOString()).toBe("2026-11-23T00:30:00.000Z");
    expect(ticket.arrivalDeadline?.toISOString()).toBe("2026-11-23T06:30:00.000Z"); // 09:30 + 6 working hours = 15:30 Seoul
  });
});

describe("the intake modal's checks (end to end)", () => {
  it("R2: a new customer's malformed phone is refused on its field", async () => {
    await seedDesk();
    await openIntake();
    const { slack } = app.current;
    await slack.driver.sendBlockActions({ userId: "U0DISP", view: slack.openModal("U0DISP")!, actions: [{ action_id: ACTIONS.intakeNewCustomerToggle, value: "on" }] });
    const modal = await slack.waitFor((fake) => {
      const view = fake.openModal("U0DISP");
      return view && JSON.stringify(view).includes(BLOCKS.intakeNewPhone) ? view : undefined;
    });
    const submit = await slack.driver.sendViewSubmission({
      userId: "U0DISP",
      view: modal,
      values: {
        [BLOCKS.intakeNewName]: { [INPUTS.newName]: "Dongbang Bakery" },
        [BLOCKS.intakeNewAddress]: { [INPUTS.newAddress]: "3 Jongno" },
        [BLOCKS.intakeNewPhone]: { [INPUTS.newPhone]: "call me" },
        [BLOCKS.intakeNewGrade]: { [INPUTS.newGrade]: "B" },
        [BLOCKS.intakeArea]: { [INPUTS.area]: "URBAN" },
        [BLOCKS.intakeFault]: { [INPUTS.fault]: "Oven does not heat" },
        [BLOCKS.intakeModel]: { [INPUTS.model]: "OV-20" },
        [BLOCKS.intakeSerial]: { [INPUTS.serial]: "OV-77" },
      },
    });
    expect(submit.body).toMatchObject({ response_action: "errors", errors: { [BLOCKS.intakeNewPhone]: expect.any(String) } });
    expect(await app.current.database.prisma.ticket.count()).toBe(0);
  });

  it("R3: a call saved as incomplete gets a voucher number but cannot be assigned until completed", async () => {
    const desk = await seedDesk();
    await openIntake();
    const modal = await chooseCustomer(desk.customer.id);
    const { slack } = app.current;
    await slack.driver.sendViewSubmission({ userId: "U0DISP", view: modal, values: { [BLOCKS.intakeIncomplete]: { [INPUTS.incomplete]: ["incomplete"] } } });
    const message = await slack.waitFor((fake) => fake.messagesIn(DISPATCH)[0]);
    const ticket = await app.current.database.prisma.ticket.findFirstOrThrow();
    expect(ticket).toMatchObject({ status: "INCOMPLETE", arrivalDeadline: null });
    expect(ticket.voucherNo).toMatch(/^SV-2026-\d{6}$/);
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain(ACTIONS.ticketCompleteIntake);
    expect(shown).not.toContain(ACTIONS.ticketAssign);
  });
});

describe("working a ticket from its message (end to end)", () => {
  it("R5: a technician may not assign: Assign answers privately who can", async () => {
    await registerCall();
    const { slack } = app.current;
    const click = await slack.driver.sendBlockActions({ userId: "U0TECH1", message: slack.messagesIn(DISPATCH)[0], actions: [{ action_id: ACTIONS.ticketAssign }] });
    const [reply] = await slack.waitFor((fake) => (fake.responsesTo(click.responseUrl!).length ? fake.responsesTo(click.responseUrl!) : undefined));
    expect(JSON.stringify(reply.body)).toMatch(/dispatcher/i);
    expect(slack.callsTo("views.open")).toHaveLength(1); // only the intake modal, earlier
  });

  it("R5: an appointment window agreed with the customer is kept apart from the deadline", async () => {
    const { ticket, tech2 } = await registerCall();
    const { slack } = app.current;
    await slack.driver.sendBlockActions({ userId: "U0DISP", message: slack.messagesIn(DISPATCH)[0], actions: [{ action_id: ACTIONS.ticketAssign }] });
    const modal = await slack.waitFor((fake) => fake.openModal("U0DISP"));
    const start = Date.parse("2026-11-24T05:00:00Z") / 1000;
    await slack.driver.sendViewSubmission({
      userId: "U0DISP",
      view: modal,
      values: {
        [BLOCKS.assignTechnician]: { [INPUTS.technician]: String(tech2.id) },
        [BLOCKS.assignNote]: { [INPUTS.note]: "Gate code 4411" },
        [BLOCKS.assignAppointmentStart]: { [INPUTS.appointmentStart]: start },
        [BLOCKS.assignAppointmentEnd]: { [INPUTS.appointmentEnd]: start + 7200 },
      },
    });
    const dm = await slack.waitFor((fake) => fake.messagesIn("D0TECH2")[0]);
    expect(JSON.stringify(dm)).toContain("Gate code 4411");
    const stored = await app.current.database.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(stored.appointmentStart?.toISOString()).toBe("2026-11-24T05:00:00.000Z");
    expect(stored.arrivalDeadline?.toISOString()).toBe(ticket.arrivalDeadline?.toISOString());
  });

  it("refuses an appointment that ends before it starts, on the field", async () => {
    await registerCall();
    const { slack } = app.current;
    await slack.driver.sendBlockActions({ userId: "U0DISP", message: slack.messagesIn(DISPATCH)[0], actions: [{ action_id: ACTIONS.ticketSchedule }] });
    const modal = await slack.waitFor((fake) => fake.openModal("U0DISP"));
    const start = Date.parse("2026-11-24T05:00:00Z") / 1000;
    const submit = await slack.driver.sendViewSubmission({
      userId: "U0DISP",
      view: modal,
      values: { [BLOCKS.scheduleStart]: { [INPUTS.appointmentStart]: start }, [BLOCKS.scheduleEnd]: { [INPUTS.appointmentEnd]: start - 60 } },
    });
    expect(submit.body).toMatchObject({ response_action: "errors", errors: { [BLOCKS.scheduleEnd]: expect.any(String) } });
  });

  it("schedules the visit from the Schedule visit button and writes it in the thread", async () => {
    const { ticket } = await registerCall();
    const { slack } = app.current;
    const message = slack.messagesIn(DISPATCH)[0];
    await slack.driver.sendBlockActions({ userId: "U0DISP", message, actions: [{ action_id: ACTIONS.ticketSchedule }] });
    const modal = await slack.waitFor((fake) => fake.openModal("U0DISP"));
    const start = Date.parse("2026-11-24T02:00:00Z") / 1000;
    await slack.driver.sendViewSubmission({ userId: "U0DISP", view: modal, values: { [BLOCKS.scheduleStart]: { [INPUTS.appointmentStart]: start }, [BLOCKS.scheduleEnd]: { [INPUTS.appointmentEnd]: start + 3600 } } });
    await slack.waitFor((fake) => fake.messagesIn(DISPATCH, message.ts).find((m) => /scheduled the visit/.test(m.text)));
    const stored = await app.current.database.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(stored.appointmentEnd?.toISOString()).toBe("2026-11-24T03:00:00.000Z");
  });

  it("R3: completing an incomplete call from its message makes it assignable, with the deadline counted from the call", async () => {
    const desk = await seedDesk();
    await openIntake();
    const { slack } = app.current;
    await slack.driver.sendViewSubmission({ userId: "U0DISP", view: await chooseCustomer(desk.customer.id), values: { [BLOCKS.intakeIncomplete]: { [INPUTS.incomplete]: ["incomplete"] } } });
    const message = await slack.waitFor((fake) => fake.messagesIn(DISPATCH)[0]);
    app.current.clock.advance(60 * 60_000); // the dispatcher calls the customer back an hour later

    await slack.driver.sendBlockActions({ userId: "U0DISP", message, actions: [{ action_id: ACTIONS.ticketCompleteIntake }] });
    const modal = await slack.waitFor((fake) => {
      const view = fake.openModal("U0DISP");
      return view && JSON.stringify(view).includes("SN-1001") ? view : undefined;
    });
    await slack.driver.sendViewSubmission({
      userId: "U0DISP",
      view: modal,
      values: {
        [BLOCKS.intakeEquipment]: { [ACTIONS.intakeEquipmentSelect]: String(desk.equipment.id) },
        [BLOCKS.intakeFault]: { [INPUTS.fault]: "No cooling in the cold room" },
      },
    });
    await slack.waitFor((fake) => fake.messagesIn(DISPATCH, message.ts).find((m) => /completed the intake/.test(m.text)));
    const ticket = await app.current.database.prisma.ticket.findFirstOrThrow();
    expect(ticket.status).toBe("REGISTERED");
    expect(ticket.arrivalDeadline?.toISOString()).toBe("2026-11-23T07:00:00.000Z");
    const updated = slack.messagesIn(DISPATCH)[0];
    expect(JSON.stringify(updated.blocks)).toContain(ACTIONS.ticketAssign);
  });

  it("edits a ticket and lists what changed in its thread", async () => {
    const { ticket } = await registerCall();
    const { slack } = app.current;
    const message = slack.messagesIn(DISPATCH)[0];
    await slack.driver.sendBlockActions({ userId: "U0DISP", message, actions: [{ action_id: ACTIONS.ticketEdit }] });
    const modal = await slack.waitFor((fake) => {
      const view = fake.openModal("U0DISP");
      return view && JSON.stringify(view).includes("SN-1001") ? view : undefined;
    });
    await slack.driver.sendViewSubmission({ userId: "U0DISP", view: modal, values: { [BLOCKS.intakeFault]: { [INPUTS.fault]: "Compressor trips and smells burnt" } } });
    await slack.waitFor((fake) => fake.messagesIn(DISPATCH, message.ts).find((m) => /edited/.test(m.text)));
    const stored = await app.current.database.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(stored.faultDescription).toBe("Compressor trips and smells burnt");
  });

  it("R5: a technician marks themselves away from App Home, and Assign then lists them last, marked", async () => {
    await registerCall();
    const { slack } = app.current;
    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0TECH1", tab: "home" });
    const home = await slack.waitFor((fake) => fake.homeView("U0TECH1"));
    await slack.driver.sendBlockActions({ userId: "U0TECH1", view: home, actions: [{ action_id: ACTIONS.homeSetAway }] });
    await slack.waitFor({ method: "views.publish", count: 2 });
    expect(JSON.stringify(slack.homeView("U0TECH1"))).toContain(ACTIONS.homeSetAvailable);
    expect((await app.current.database.prisma.staff.findUniqueOrThrow({ where: { slackUserId: "U0TECH1" } })).available).toBe(false);

    await slack.driver.sendBlockActions({ userId: "U0DISP", message: slack.messagesIn(DISPATCH)[0], actions: [{ action_id: ACTIONS.ticketAssign }] });
    const modal = JSON.stringify(await slack.waitFor((fake) => fake.openModal("U0DISP")));
    expect(modal.indexOf("Lee Sora")).toBeLessThan(modal.indexOf("Kim Minsu"));
    expect(modal).toMatch(/Kim Minsu[^"]*away/i);
  });
});
