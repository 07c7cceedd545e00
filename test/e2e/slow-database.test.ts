// A database that stalls longer than Slack's 3 seconds: the intake submission is acknowledged in time
// ("saving…"), the call is saved once the database answers, and the dispatcher is told by DM. Never
// a Slack error for work that was saved.
import { Client } from "pg";
import { BLOCKS, INPUTS } from "../../src/views/ids";
import { deskSteps, DISPATCH, useDeskApp } from "../support/desk";
import { untilDelivered } from "../support/outbox";

const app = useDeskApp();
const { seedDesk, openIntake, chooseCustomer } = deskSteps(app);

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
});
