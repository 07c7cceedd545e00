// One place that says which listener answers which Slack id. The manifest test reads it
// through a recording registry, so the manifest and the code cannot drift apart.
import type { App } from "@slack/bolt";
import { ACTIONS, COMMANDS, EVENTS, SHORTCUTS, VIEWS } from "../views/ids";
import { acknowledgeEscalationButton } from "./actions/acknowledge-escalation";
import { setAvailability } from "./actions/home-availability";
import { homeRefresh } from "./actions/home-refresh";
import { intakeCustomerChosen, intakeEquipmentChosen, intakeNewCustomerToggled } from "./actions/intake-modal";
import { assignButton, cancelButton, editButton, scheduleButton, viewButton } from "./actions/ticket-buttons";
import { acceptButton, arriveButton, declineButton } from "./actions/technician-buttons";
import { repairCommand } from "./commands/repair";
import { appHomeOpened } from "./events/app-home-opened";
import { dedupeEvents } from "./middleware/dedupe-events";
import { customerSearch } from "./options/customer-search";
import { createRepairCall } from "./shortcuts/create-repair-call";
import type { HandlerDeps } from "./types";
import { assignSubmitted, cancelSubmitted, declineSubmitted, intakeSubmitted, scheduleSubmitted } from "./views/ticket-modals";

export type HandlerRegistry = Pick<App, "use" | "command" | "action" | "view" | "event" | "shortcut" | "options" | "message">;

export function registerHandlers(app: HandlerRegistry, deps: HandlerDeps): void {
  app.use(dedupeEvents(deps));

  app.command(COMMANDS.repair, repairCommand(deps));
  app.shortcut(SHORTCUTS.createRepairCall, createRepairCall(deps));

  app.options(ACTIONS.intakeCustomerSelect, customerSearch(deps));
  app.action(ACTIONS.intakeCustomerSelect, intakeCustomerChosen(deps));
  app.action(ACTIONS.intakeNewCustomerToggle, intakeNewCustomerToggled(deps));
  app.action(ACTIONS.intakeEquipmentSelect, intakeEquipmentChosen(deps));
  app.view(VIEWS.intake, intakeSubmitted(deps));

  app.action(ACTIONS.ticketAssign, assignButton(deps));
  app.view(VIEWS.assign, assignSubmitted(deps));
  app.action(ACTIONS.ticketSchedule, scheduleButton(deps));
  app.view(VIEWS.schedule, scheduleSubmitted(deps));
  app.action(ACTIONS.ticketCancel, cancelButton(deps));
  app.view(VIEWS.cancel, cancelSubmitted(deps));
  app.action(ACTIONS.ticketEdit, editButton(deps, "edit"));
  app.action(ACTIONS.ticketCompleteIntake, editButton(deps, "complete"));
  app.action(ACTIONS.ticketView, viewButton(deps));
  app.action(ACTIONS.ticketAccept, acceptButton(deps));
  app.action(ACTIONS.ticketArrive, arriveButton(deps));
  app.action(ACTIONS.ticketDecline, declineButton(deps));
  app.view(VIEWS.decline, declineSubmitted(deps));
  app.action(ACTIONS.escalationAcknowledge, acknowledgeEscalationButton(deps));

  app.event(EVENTS.appHomeOpened, appHomeOpened(deps));
  app.action(ACTIONS.homeRefresh, homeRefresh(deps));
  app.action(ACTIONS.homeSetAvailable, setAvailability(deps, true));
  app.action(ACTIONS.homeSetAway, setAvailability(deps, false));
}

export type { HandlerDeps } from "./types";
