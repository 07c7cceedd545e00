// A database that stalls longer than Slack's 3 seconds: the intake submission is acknowledged in time
// ("saving…"), the call is saved once the database answers, and the dispatcher is told by DM. Never
// a Slack error for work that was saved. A click that opens a modal, while every database connection
// is busy, still opens one within its trigger's 3 s: "Loading…", then the form in its place.
import { Client } from "pg";
import { poolStats } from "../../src/db/client";
import { ACTIONS, BLOCKS, INPUTS, VIEWS } from "../../src/views/ids";
import { messagesFor } from "../../src/views/messages";
import type { ApiCall } from "../../src/sandbox/slack";
import { deskSteps, DISPATCH, useDeskApp } from "../support/desk";
import { eventually } from "../support/eventually";
import { untilDelivered } from "../support/outbox";

// Each test waits seconds for a held database; jest's 5 s default is too close on a loaded machine.
jest.setTimeout(20_000);

const app = useDeskApp();
const { seedDesk, openIntake, chooseCustomer, registerCall } = deskSteps(app);

/** Slack's trigger_id lasts 3 s from the click. */
const TRIGGER_TTL_MS = 3_000;

/**
 * Every connection of the app's pool busy for `ms` (other work ahead of the click): the click's
 * reads wait for one. Resolves once they all are taken; `done` once they are free again.
 */
async function holdEveryConnection(ms: number): Promise<{ done: Promise<unknown> }> {
  const prisma = app.current.database.prisma;
  const max = poolStats(prisma)!.max;
  const done = Promise.all(Array.from({ length: max }, () => prisma.$queryRawUnsafe(`SELECT 1 AS slept FROM pg_sleep(${ms / 1000})`)));
  await eventually(() => {
    const pool = poolStats(prisma)!;
    return pool.total === max && pool.idle === 0;
  }, 5_000, "every pool connection taken");
  return { done };
}

function opened(call: ApiCall) {
  return call.response as { ok: boolean; error?: string; view?: { id: string; callback_id: string; submit: unknown } };
}

describe("a slow database (issue: frozen database)", () => {
  it("R2: an intake saved after Slack's 3 s is acknowledged in time with 'saving…', saved once, and the dispatcher is told by DM", async () => {
    const desk = await seedDesk();
    await openIntake();
    const modal = await chooseCustomer(desk.customer.id);
    // Another session holds the ticket table for 4 s: the registration waits behind it.
    const blocker = new Client({ connectionString: app.current.database.url });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query('LOCK TABLE "Ticket" IN ACCESS EXCLUSIVE MODE');
    let released: Promise<unknown> | undefined;
    const release = setTimeout(() => (released = blocker.query("COMMIT")), 4_000);
    try {
      const submit = await app.current.slack.driver.sendViewSubmission({
        userId: "U0DISP",
        view: modal,
        values: { [BLOCKS.intakeFault]: { [INPUTS.fault]: "Compressor trips after ten minutes" } },
      });
      expect(submit.problems).toEqual([]);
      expect(submit.durationMs).toBeLessThan(3_000);
      expect(JSON.stringify(submit.body)).toContain("Saving…");

      const dm = await app.current.slack.waitFor((fake) => fake.messagesIn("D0DISP").find((m) => m.text.includes("was saved")), 10_000);
      expect(dm.text).toContain("repair call was saved");
      await untilDelivered(app.current.database.prisma);
      expect(await app.current.database.prisma.ticket.count()).toBe(1);
      expect(app.current.slack.messagesIn(DISPATCH).filter((m) => !m.thread_ts || m.thread_ts === m.ts)).toHaveLength(1);
    } finally {
      clearTimeout(release);
      await (released ?? blocker.query("COMMIT")).catch(() => undefined);
      await blocker.end();
    }
  });

  it("R5: a quiet desk's Assign opens the assign form directly: one views.open, no loading modal", async () => {
    await registerCall();
    const { slack } = app.current;
    slack.forgetCalls();
    await slack.driver.sendBlockActions({ userId: "U0DISP", message: slack.messagesIn(DISPATCH)[0], actions: [{ action_id: ACTIONS.ticketAssign }] });
    const modal = await slack.waitFor((fake) => fake.openModal("U0DISP"));
    await slack.driver.settle();

    expect(modal).toMatchObject({ callback_id: VIEWS.assign, submit: { text: messagesFor().assign.submit } });
    expect(slack.callsTo("views.open")).toHaveLength(1);
    expect(slack.callsTo("views.update")).toHaveLength(0);
  });

  it("R5: with every database connection busy past the trigger's life, Assign opens 'Loading…' in time, then the assign form in its place, which assigns", async () => {
    const { ticket, tech1 } = await registerCall();
    const { slack } = app.current;
    slack.forgetCalls();
    const busy = await holdEveryConnection(4_000);
    const clickedAt = Date.now();
    const click = await slack.driver.sendBlockActions({ userId: "U0DISP", message: slack.messagesIn(DISPATCH)[0], actions: [{ action_id: ACTIONS.ticketAssign }] });
    expect(click.problems).toEqual([]);

    // The trigger is used within its life, although the reads are still waiting for a connection.
    const [open] = await slack.waitFor({ method: "views.open" }, TRIGGER_TTL_MS);
    expect(open.at - clickedAt).toBeLessThan(TRIGGER_TTL_MS);
    await slack.waitFor(() => open.status !== undefined);
    expect(opened(open)).toMatchObject({ ok: true, view: { callback_id: VIEWS.assign, submit: null } });
    expect(JSON.stringify(opened(open).view)).toContain("Loading");

    // Once the connections are free, the same modal (its id, its hash) becomes the assign form.
    const form = await slack.waitFor((fake) => {
      const modal = fake.openModal("U0DISP");
      return modal && JSON.stringify(modal.blocks).includes(BLOCKS.assignTechnician) ? modal : undefined;
    });
    await busy.done;
    expect(form.id).toBe(opened(open).view!.id);
    expect(slack.callsTo("views.open")).toHaveLength(1);
    const [update] = slack.callsTo("views.update");
    expect(update.args).toMatchObject({ view_id: form.id, hash: expect.any(String) });
    expect(JSON.stringify(form)).toContain("Kim Minsu");

    await slack.driver.sendViewSubmission({ userId: "U0DISP", view: form, values: { [BLOCKS.assignTechnician]: { [INPUTS.technician]: String(tech1.id) } } });
    await eventually(async () => (await app.current.database.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).assignedTechnicianId === tech1.id, 5_000);
  });

  it("R5: a refusal found after the loading modal opened replaces it with a notice in the refusal's words", async () => {
    await registerCall();
    const { slack } = app.current;
    slack.forgetCalls();
    const busy = await holdEveryConnection(2_000);
    const click = await slack.driver.sendBlockActions({ userId: "U0TECH1", message: slack.messagesIn(DISPATCH)[0], actions: [{ action_id: ACTIONS.ticketAssign }] });

    const notice = await slack.waitFor((fake) => {
      const modal = fake.openModal("U0TECH1");
      return modal && modal.callback_id !== VIEWS.assign ? modal : undefined;
    });
    await busy.done;
    expect(notice.submit).toBeNull();
    expect(JSON.stringify(notice.blocks)).toMatch(/Only [^"]*dispatcher/i);
    expect(slack.responsesTo(click.responseUrl!)).toEqual([]);
  });

  it("R5: a loading modal the person closed is not reopened; its content is dropped", async () => {
    await registerCall();
    const { slack } = app.current;
    slack.forgetCalls();
    const busy = await holdEveryConnection(2_000);
    const click = await slack.driver.sendBlockActions({ userId: "U0DISP", message: slack.messagesIn(DISPATCH)[0], actions: [{ action_id: ACTIONS.ticketAssign }] });
    const loading = await slack.waitFor((fake) => fake.openModal("U0DISP"));
    slack.driver.closeModal({ userId: "U0DISP", view: loading });

    await busy.done;
    const [update] = await slack.waitFor({ method: "views.update" });
    await slack.waitFor(() => update.status !== undefined);
    expect(update.response).toMatchObject({ ok: false, error: "not_found" });
    await slack.driver.settle();
    expect(slack.openModal("U0DISP")).toBeUndefined();
    expect(slack.responsesTo(click.responseUrl!)).toEqual([]);
  });

  it("R2: /repair new while every connection is busy opens 'Loading…' in time, then the intake form, which works as usual", async () => {
    const desk = await seedDesk();
    const { slack } = app.current;
    const busy = await holdEveryConnection(3_000);
    const command = await slack.driver.sendCommand({ text: "new", userId: "U0DISP", channelId: DISPATCH });
    expect(command.problems).toEqual([]);

    const [open] = await slack.waitFor({ method: "views.open" }, TRIGGER_TTL_MS);
    await slack.waitFor(() => open.status !== undefined);
    expect(opened(open)).toMatchObject({ ok: true, view: { callback_id: VIEWS.intake, submit: null } });
    const form = await slack.waitFor((fake) => {
      const modal = fake.openModal("U0DISP");
      return modal?.submit ? modal : undefined;
    });
    await busy.done;
    expect(form).toMatchObject({ id: opened(open).view!.id, callback_id: VIEWS.intake, title: { text: messagesFor().intake.titleNew } });
    // The form's own updates (a customer chosen) take the hash it has now.
    const withCustomer = await chooseCustomer(desk.customer.id);
    expect(withCustomer.id).toBe(form.id);
  });
});

