// The use cases the Slack handlers may call, bound to their dependencies once in the composition
// root. Handlers see this interface only, never the database.
import type { Clock } from "../clock";
import type { Db } from "../db";
import { DEFAULT_ARRIVAL_LIMITS, type ArrivalLimits } from "../domain/deadline";
import type { Log } from "../logger";
import { authorize } from "./authorize";
import { acknowledgeEscalation } from "./escalations/acknowledge";
import { claimDelivery, pruneDeliveries, releaseDelivery } from "./slack-deliveries/claim-delivery";
import { resolveActor, type Actor } from "./staff/resolve-actor";
import { setAvailability } from "./staff/set-availability";
import { acceptTicket } from "./tickets/accept-ticket";
import { assignTechnician } from "./tickets/assign-technician";
import { assertAssignee } from "./tickets/authorize";
import { cancelTicket } from "./tickets/cancel-ticket";
import { completeIntake } from "./tickets/complete-intake";
import { declineTicket } from "./tickets/decline-ticket";
import { editTicket } from "./tickets/edit-ticket";
import { findTicketByVoucher, getTicketCard } from "./tickets/get-ticket";
import { getCustomerContext } from "./tickets/get-customer-context";
import { listTickets } from "./tickets/list-tickets";
import { findTicketByMessage, recordAssignmentMessage, recordTicketMessage } from "./tickets/record-slack-message";
import { recordArrival } from "./tickets/record-arrival";
import { registerTicket } from "./tickets/register-ticket";
import { scheduleVisit } from "./tickets/schedule-visit";
import { searchCustomers } from "./tickets/search-customers";
import { suggestTechnicians } from "./tickets/suggest-technicians";

export interface ServiceDeps {
  db: Db;
  clock: Clock;
  log: Log;
  adminSlackIds: readonly string[];
  /** R6 limits (config ARRIVAL_HOURS_URBAN / _SUBURBAN); 6 and 7 working hours by default. */
  arrivalLimits?: ArrivalLimits;
}

type OptionsOf<F> = F extends (deps: never, options: infer O) => unknown ? O : never;

export function createServices(deps: ServiceDeps) {
  const base = { db: deps.db, clock: deps.clock, log: deps.log };
  const withLimits = { ...base, arrivalLimits: deps.arrivalLimits ?? { ...DEFAULT_ARRIVAL_LIMITS } };
  return {
    resolveActor: (slackUserId: string) => resolveActor(deps, slackUserId),
    authorize,
    assertAssignee,
    claimDelivery: (options: { key: string; kind: string }) => claimDelivery(deps, options),
    releaseDelivery: (key: string) => releaseDelivery(deps, key),
    pruneDeliveries: (options: { olderThanHours: number }) => pruneDeliveries(deps, options),

    searchCustomers: (options: OptionsOf<typeof searchCustomers>) => searchCustomers(base, options),
    getCustomerContext: (options: OptionsOf<typeof getCustomerContext>) => getCustomerContext(base, options),
    registerTicket: (options: OptionsOf<typeof registerTicket>) => registerTicket(withLimits, options),
    completeIntake: (options: OptionsOf<typeof completeIntake>) => completeIntake(withLimits, options),
    editTicket: (options: OptionsOf<typeof editTicket>) => editTicket(withLimits, options),
    cancelTicket: (options: OptionsOf<typeof cancelTicket>) => cancelTicket(base, options),
    suggestTechnicians: (options: OptionsOf<typeof suggestTechnicians>) => suggestTechnicians(base, options),
    assignTechnician: (options: OptionsOf<typeof assignTechnician>) => assignTechnician(base, options),
    scheduleVisit: (options: OptionsOf<typeof scheduleVisit>) => scheduleVisit(base, options),
    acceptTicket: (options: OptionsOf<typeof acceptTicket>) => acceptTicket(base, options),
    declineTicket: (options: OptionsOf<typeof declineTicket>) => declineTicket(base, options),
    recordArrival: (options: OptionsOf<typeof recordArrival>) => recordArrival(base, options),
    listTickets: (options: OptionsOf<typeof listTickets>) => listTickets(base, options),
    getTicketCard: (options: OptionsOf<typeof getTicketCard>) => getTicketCard(base, options),
    findTicketByVoucher: (options: OptionsOf<typeof findTicketByVoucher>) => findTicketByVoucher(base, options),
    recordTicketMessage: (options: OptionsOf<typeof recordTicketMessage>) => recordTicketMessage(base, options),
    recordAssignmentMessage: (options: OptionsOf<typeof recordAssignmentMessage>) => recordAssignmentMessage(base, options),
    findTicketByMessage: (options: OptionsOf<typeof findTicketByMessage>) => findTicketByMessage(base, options),
    setAvailability: (options: { actor: Actor; available: boolean }) => setAvailability(base, options),
    acknowledgeEscalation: (options: OptionsOf<typeof acknowledgeEscalation>) => acknowledgeEscalation(base, options),
  };
}

export type Services = ReturnType<typeof createServices>;
