// View-model factories for the view builder tests: valid defaults, unique ids, overrides per test.
import type { CustomerContext, TechnicianSuggestion, TicketCard, TicketListItem, PersonRef } from "../../../src/services/tickets/models";
import type { OverdueAlertSummary } from "../../../src/services/escalations/models";
import type { DirectorSummary } from "../../../src/services/reports/director-summary";
import type { StateValues as ReaderValues } from "../../../src/views/state";
import { buildState, interactiveElements, toStateValue, type StateInput } from "../../../src/sandbox/slack/view-state";

let counter = 0;
const next = () => ++counter;

export const NOW = new Date("2026-03-02T03:00:00Z"); // Monday 12:00 in Seoul

export function person(overrides: Partial<PersonRef> = {}): PersonRef {
  const n = next();
  return { staffId: n, slackUserId: `U${String(n).padStart(8, "0")}`, name: `Staff ${n}`, ...overrides };
}

export function ticketCard(overrides: Partial<TicketCard> = {}): TicketCard {
  const n = next();
  return {
    id: n,
    voucherNo: `SV-2026-${String(n).padStart(6, "0")}`,
    status: "REGISTERED",
    branch: { id: 1, code: "SEL", name: "Seoul service centre", timeZone: "Asia/Seoul", dispatchChannelId: "C0DISPATCH" },
    customer: { id: 100 + n, code: `C${n}`, name: `Hanil Foods ${n}`, grade: "A", phone: "02-555-0100", address: "12 Teheran-ro, Gangnam-gu, Seoul", contactPerson: "Park Jiyoung" },
    contact: { name: null, phone: null, address: null },
    equipment: { id: 500 + n, model: "CX-9000 compressor", serial: `SN${n}X`, acceptanceDate: "2025-06-01", warrantyEnd: "2027-05-31" },
    coverage: { kind: "WARRANTY", until: "2027-05-31" },
    category: "C_WARRANTY",
    suggestedCategory: "C_WARRANTY",
    categoryOverrideReason: null,
    chargeable: false,
    area: "URBAN",
    faultDescription: "Compressor stops after ten minutes and shows error E4.",
    requestedServiceAt: null,
    calledAt: new Date("2026-03-02T00:40:00Z"),
    receivedAt: new Date("2026-03-02T01:00:00Z"),
    arrivalDeadline: new Date("2026-03-02T07:00:00Z"),
    appointment: null,
    missingFields: [],
    priority: false,
    registeredBy: person({ name: "Lee Dispatcher" }),
    technician: null,
    cancelReason: null,
    sourceMessageLink: null,
    slackMessage: { channelId: "C0DISPATCH", ts: "1772420400.000100" },
    ...overrides,
  };
}

export function customerContext(overrides: Partial<CustomerContext> = {}): CustomerContext {
  const n = next();
  return {
    customer: { id: 200 + n, code: `C${n}`, name: `Daesung Textiles ${n}`, grade: "B", phone: "031-222-3333", address: "5 Industrial-ro, Suwon", contactPerson: "Choi Minho", area: "SUBURBAN" },
    equipment: [
      { id: 700 + n, model: "LX-200 loom", serial: `L${n}`, acceptanceDate: "2024-01-10", warrantyEnd: "2025-01-09", suggestedCategory: "B_CONTRACT", coverage: { kind: "CONTRACT", contractNumber: "MC-2025-17", until: "2026-12-31" } },
      { id: 800 + n, model: "DX-10 dryer", serial: `D${n}`, acceptanceDate: "2025-11-01", warrantyEnd: "2027-10-31", suggestedCategory: "C_WARRANTY", coverage: { kind: "WARRANTY", until: "2027-10-31" } },
    ],
    openTickets: [],
    liveContracts: [{ number: "MC-2025-17", endsOn: "2026-12-31", coversAllEquipment: false }],
    ...overrides,
  };
}

export function technician(overrides: Partial<TechnicianSuggestion> = {}): TechnicianSuggestion {
  const n = next();
  return { staffId: 1000 + n, slackUserId: `UT${n}`, name: `Technician ${n}`, areas: ["URBAN"], skills: ["compressors"], available: true, coversArea: true, openTickets: 2, visitsToday: 1, currentlyAssigned: false, ...overrides };
}

export function listItem(overrides: Partial<TicketListItem> = {}): TicketListItem {
  const n = next();
  return {
    id: n,
    voucherNo: `SV-2026-${String(n).padStart(6, "0")}`,
    status: "REGISTERED",
    customerName: `Customer ${n}`,
    grade: "B",
    area: "URBAN",
    faultDescription: "Leaks water",
    receivedAt: new Date("2026-03-02T01:00:00Z"),
    arrivalDeadline: new Date("2026-03-02T07:00:00Z"),
    overdue: false,
    priority: false,
    technician: null,
    slackMessage: null,
    ...overrides,
  };
}

/**
 * What Slack would submit for these blocks: initial values, then what the user typed or picked,
 * keyed by block id (each block here has one element).
 */
export function submitted(blocks: readonly unknown[], inputs: Record<string, StateInput> = {}, previous: ReaderValues = {}): ReaderValues {
  const values = buildState(blocks, previous as never) as unknown as ReaderValues;
  for (const [blockId, input] of Object.entries(inputs)) {
    const found = interactiveElements(blocks).find((e) => e.blockId === blockId);
    if (!found) throw new Error(`no input in block ${blockId}`);
    values[blockId] = { [String(found.element.action_id)]: toStateValue(found.element, input) as never };
  }
  return values;
}

export function ids(blocks: readonly unknown[]): string[] {
  return interactiveElements(blocks).map((e) => `${e.blockId}/${String(e.element.action_id)}`);
}

export const textOf = (value: unknown): string => JSON.stringify(value);

/** R7: an overdue call's alert, its deadline 1 h 30 min before NOW, posted in its ticket's thread. */
export function overdueAlert(overrides: Partial<OverdueAlertSummary> = {}): OverdueAlertSummary {
  return {
    escalationId: 7,
    kind: "OVERDUE",
    reason: null,
    expectedBy: null,
    ticketId: 3,
    voucherNo: "SV-2026-000003",
    customerName: "Han River Foods",
    arrivalDeadline: new Date("2026-03-02T01:30:00Z"),
    timeZone: "Asia/Seoul",
    technicianSlackUserId: "U0TECH1",
    ticketMessage: { channelId: "C0DISPATCH", ts: "1772420400.000100" },
    sentToAdminsFor: [],
    ...overrides,
  };
}

/** R16: a Seoul branch's day (Monday 2 March 2026) with its counts and nothing listed; tests add the lists they need. */
export function directorSummary(overrides: Partial<DirectorSummary> = {}): DirectorSummary {
  return {
    branchId: 1,
    branchCode: "SEOUL",
    branchName: "Seoul service centre",
    timeZone: "Asia/Seoul",
    currency: "KRW",
    date: "2026-03-02",
    start: "2026-03-01T15:00:00.000Z",
    end: "2026-03-02T15:00:00.000Z",
    calls: { received: 12, assigned: 10, completed: 8, carriedOver: 2 },
    overdue: { count: 0, items: [] },
    arrivals: { onTime: 2, withDeadline: 3, onTimeRate: 2 / 3 },
    workshop: { waitingRepair: 1, waitingParts: 2, repaired: 3, receivedToday: 1, repairedToday: 1, returnedToday: 0 },
    hours: [],
    parts: [],
    fees: { collectedOnSite: { count: 2, amount: 110000 }, invoiceRequested: { count: 1, amount: 200000 } },
    missingReports: [],
    contractNotices: [],
    longLoans: { count: 0, items: [] },
    ...overrides,
  };
}
