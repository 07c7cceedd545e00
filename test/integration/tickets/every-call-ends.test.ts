// R9–R11: whatever the technician reports, in whatever order, a call can still be closed and every
// custody receipt can still go back to the customer. The test walks every sequence of outcomes up to
// DEPTH steps from a technician on site, then finishes the call the way a desk would.
import { fixedClock } from "../../../src/clock";
import { isAppError } from "../../../src/errors";
import { reportCannotFinish } from "../../../src/services/escalations/report-cannot-finish";
import { closeTicket } from "../../../src/services/tickets/close-ticket";
import { recordArrival } from "../../../src/services/tickets/record-arrival";
import { reportWork, type ReportWorkInput, type VisitOutcome } from "../../../src/services/tickets/report-work";
import { returnCustodyItem, setCustodyState } from "../../../src/services/workshop/custody";
import { cancelTicket } from "../../../src/services/tickets/cancel-ticket";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranchWithCalendar, createStaff, createTechnician, createTicket } from "../../support/factories/data";

const db = useTestDatabase();
const NOW = new Date("2026-11-23T05:00:00Z"); // Monday 14:00 in Seoul
const LATER = new Date("2026-11-25T05:00:00Z");
const DEPTH = 3;
let keys = 0;

const STEPS = ["fixed", "taken back", "rescheduled", "handed over", "replacement", "cannot finish", "repaired in the workshop", "returned", "arrived again"] as const;
type Step = (typeof STEPS)[number];

const OUTCOME_OF: Partial<Record<Step, VisitOutcome>> = {
  fixed: "FIXED_ON_SITE",
  "taken back": "TAKEN_TO_WORKSHOP",
  rescheduled: "RESCHEDULED",
  "handed over": "HANDED_OVER",
  replacement: "REPLACEMENT_RECOMMENDED",
};

async function desk() {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma);
  const technicianRow = await createTechnician(prisma, { branchId: branch.id });
  const dispatcherRow = await createStaff(prisma, { branchId: branch.id, roles: ["DISPATCHER"] });
  const deps = { db: prisma, clock: fixedClock(NOW) };
  return { prisma, branch, technicianRow, technician: actorFor(technicianRow), dispatcher: actorFor(dispatcherRow), dispatcherRow, deps };
}
type Desk = Awaited<ReturnType<typeof desk>>;

/** A C_WARRANTY call (no fee questions) with the technician on site. */
async function callOnSite(d: Desk) {
  const ticket = await createTicket(d.prisma, {
    branchId: d.branch.id,
    status: "ON_SITE",
    category: "C_WARRANTY",
    suggestedCategory: "C_WARRANTY",
    assignedTechnicianId: d.technicianRow.id,
    arrivedAt: NOW,
    receivedAt: NOW,
  });
  await d.prisma.assignment.create({ data: { ticketId: ticket.id, technicianId: d.technicianRow.id, assignedById: d.dispatcherRow.id, assignedAt: NOW } });
  return ticket.id;
}

function report(d: Desk, ticketId: number, outcome: VisitOutcome): ReportWorkInput {
  return {
    actor: d.technician,
    ticketId,
    submissionKey: `walk-${process.pid}-${++keys}`,
    hours: [{ category: "C_WARRANTY", hours: 0.5 }],
    parts: [],
    outcome,
    settlement: "NONE",
    feeAgreed: false,
    signedByName: "Kim Minji",
    custody: outcome === "TAKEN_TO_WORKSHOP" ? { items: "Control board", condition: "Scratched lid" } : null,
    // R12: rescheduling and handing over tell the customer when it will be finished.
    expectedCompletionAt: outcome === "RESCHEDULED" || outcome === "HANDED_OVER" ? LATER : null,
  };
}

/** One step as the person would take it; false when the bot refuses it (a button that does not apply). */
async function take(d: Desk, ticketId: number, step: Step): Promise<boolean> {
  try {
    const outcome = OUTCOME_OF[step];
    if (outcome) await reportWork(d.deps, report(d, ticketId, outcome));
    else if (step === "cannot finish") await reportCannotFinish(d.deps, { actor: d.technician, ticketId, reason: "Needs a new board", expectedBy: LATER });
    else if (step === "arrived again") await recordArrival(d.deps, { actor: d.technician, ticketId });
    else if (step === "returned") await returnCustodyItem(d.deps, { actor: d.technician, ticketId, signedBy: "Kim Minji" });
    else if (step === "repaired in the workshop") {
      const open = await d.prisma.custodyReceipt.findMany({ where: { ticketId, state: { not: "RETURNED" } } });
      if (!open.length) return false;
      for (const receipt of open) await setCustodyState(d.deps, { actor: d.technician, receiptId: receipt.id, state: "REPAIRED" });
    }
    return true;
  } catch (error) {
    if (isAppError(error) && (error.code === "CONFLICT" || error.code === "VALIDATION")) return false;
    throw error;
  }
}

/** What the desk does to end a call: items back first, then resolve, then close. */
async function finish(d: Desk, ticketId: number): Promise<string[]> {
  const path: string[] = [];
  for (let turn = 0; turn < 8; turn++) {
    const ticket = await d.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    const open = await d.prisma.custodyReceipt.count({ where: { ticketId, state: { not: "RETURNED" } } });
    if (ticket.status === "CLOSED") return path;
    path.push(ticket.status);
    if (open) await returnCustodyItem(d.deps, { actor: d.dispatcher, ticketId, signedBy: "Kim Minji" });
    else if (ticket.status === "RESOLVED") await closeTicket(d.deps, { actor: d.technician, ticketId, resolution: "Done" });
    else if (ticket.status === "ON_HOLD") await recordArrival(d.deps, { actor: d.technician, ticketId });
    else await reportWork(d.deps, report(d, ticketId, "FIXED_ON_SITE"));
  }
  throw new Error(`call ${ticketId} did not reach CLOSED: ${path.join(" → ")}`);
}

describe("every call reaches an end (R9–R11)", () => {
  jest.setTimeout(240_000);

  it(`R11: after any ${DEPTH} outcomes in any order, the call can be closed and every custody receipt returned and void`, async () => {
    const d = await desk();
    const walked = new Set<string>();
    const stuck: string[] = [];
    // Level by level: a sequence is extended only if every step of it was taken (a refused step
    // ends that branch). Each sequence runs on a call of its own, a few calls at a time.
    let frontier: Step[][] = [[]];
    for (let depth = 1; depth <= DEPTH; depth++) {
      const next: Step[][] = [];
      const candidates = frontier.flatMap((prefix) => STEPS.map((step) => [...prefix, step]));
      for (let start = 0; start < candidates.length; start += 8) {
        await Promise.all(
          candidates.slice(start, start + 8).map(async (sequence) => {
            const key = sequence.join(" → ");
            const ticketId = await callOnSite(d);
            for (const step of sequence) if (!(await take(d, ticketId, step))) return;
            walked.add(key);
            next.push(sequence);
            try {
              await finish(d, ticketId);
            } catch (error) {
              return void stuck.push(`${key}: ${error instanceof Error ? error.message : String(error)}`);
            }
            const receipts = await d.prisma.custodyReceipt.findMany({ where: { ticketId } });
            for (const receipt of receipts) {
              if (receipt.state !== "RETURNED" || !receipt.voidedAt || !receipt.returnSignedBy) stuck.push(`${key}: receipt ${receipt.number} still open`);
            }
          }),
        );
      }
      frontier = next;
    }
    expect(stuck).toEqual([]);
    // The walk really went deep: the sequences the issue names are among those walked.
    expect(walked.has("taken back → replacement → returned")).toBe(true);
    expect(walked.has("taken back → rescheduled → fixed")).toBe(true);
    expect(walked.size).toBeGreaterThan(60);
  });

  it("R11: a call in the workshop with a replacement recommended is resolved, offers Return to customer, then closes", async () => {
    const d = await desk();
    const ticketId = await callOnSite(d);
    await reportWork(d.deps, report(d, ticketId, "TAKEN_TO_WORKSHOP"));
    const resolved = await reportWork(d.deps, report(d, ticketId, "REPLACEMENT_RECOMMENDED"));
    expect(resolved.status).toBe("RESOLVED");
    await expect(closeTicket(d.deps, { actor: d.technician, ticketId, resolution: "Replace" })).rejects.toMatchObject({ code: "CONFLICT", details: { reason: "custody-open" } });
    const back = await returnCustodyItem(d.deps, { actor: d.technician, ticketId, signedBy: "Kim Minji" });
    expect(back).toMatchObject({ resolved: false, unrepaired: true });
    expect(await closeTicket(d.deps, { actor: d.technician, ticketId, resolution: "Replace" })).toMatchObject({ change: "closed" });
  });

  it("R11: a call whose item is in the workshop cannot be cancelled until the item went back", async () => {
    const d = await desk();
    const ticketId = await callOnSite(d);
    await reportWork(d.deps, report(d, ticketId, "TAKEN_TO_WORKSHOP"));
    await reportWork(d.deps, report(d, ticketId, "RESCHEDULED"));
    await expect(cancelTicket(d.deps, { actor: d.dispatcher, ticketId, reason: "Customer bought a new one" })).rejects.toMatchObject({
      code: "CONFLICT",
      details: { reason: "custody-open" },
    });
    // Returned from hold: the customer took it back as it was, and the call is resolved.
    expect(await returnCustodyItem(d.deps, { actor: d.dispatcher, ticketId, signedBy: "Kim Minji" })).toMatchObject({ resolved: true, unrepaired: true });
    expect(await d.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } })).toMatchObject({ status: "RESOLVED" });
  });
});
