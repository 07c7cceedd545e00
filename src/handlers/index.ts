// One place that says which listener answers which Slack id. The manifest test reads it
// through a recording registry, so the manifest and the code cannot drift apart.
import { markInvoicedButton } from "./actions/invoice-buttons";
import type { App } from "@slack/bolt";
import { ACTIONS, COMMANDS, EVENTS, SHORTCUTS, VIEWS } from "../views/ids";
import { acknowledgeEscalationButton } from "./actions/acknowledge-escalation";
import { snoozeEscalationSelect } from "./actions/snooze-escalation";
import { cannotFinishButton, cannotFinishSubmitted } from "./actions/cannot-finish";
import { signOffReportButton } from "./actions/sign-off-report";
import { signOffEvaluationButton } from "./actions/sign-off-evaluation";
import { resendSlackFailureButton } from "./actions/resend-slack-failure";
import { setAvailability } from "./actions/home-availability";
import { homeRefresh } from "./actions/home-refresh";
import { setLanguage } from "./actions/home-language";
import { intakeCustomerChosen, intakeEquipmentChosen, intakeNewCustomerToggled } from "./actions/intake-modal";
import { assignButton, cancelButton, editButton, scheduleButton, viewButton } from "./actions/ticket-buttons";
import { acceptButton, arriveButton, declineButton } from "./actions/technician-buttons";
import { borrowButton, registerStateSelected, returnButton, returnItemButton } from "./actions/parts-buttons";
import { repairCommand } from "./commands/repair";
import { dailyReportOpenButton } from "./actions/daily-report-buttons";
import { customerFileButton, customerFileChosen } from "./actions/customer-file";
import { dailyReportSubmitted } from "./views/daily-report-modal";
import { appHomeOpened } from "./events/app-home-opened";
import { threadReply } from "./events/thread-reply";
import { dedupeEvents } from "./middleware/dedupe-events";
import { readerLocale } from "./middleware/reader-locale";
import { emptyListenedIds, safetyNet, type ListenedIds } from "./middleware/safety-net";
import { customerSearch } from "./options/customer-search";
import { partSearch } from "./options/part-search";
import { closeButton, reportAddPart, reportOutcomeChosen, reportWorkButton } from "./actions/report-buttons";
import { closeSubmitted, reportWorkSubmitted } from "./views/report-modals";
import { createRepairCall } from "./shortcuts/create-repair-call";
import { createComplaint } from "./shortcuts/create-complaint";
import { complaintAcknowledgeButton, complaintCloseButton, complaintStepButton, ticketComplaintButton } from "./actions/complaint-buttons";
import { complaintRegisterSubmitted, complaintStepSubmitted } from "./views/complaint-modals";
import { recordSurveyButton, surveyLinkButton } from "./actions/survey-buttons";
import { surveySubmitted } from "./views/survey-modal";
import { registerOn, replacingKeyedKinds } from "./routing";
import type { HandlerDeps } from "./types";
import { borrowSubmitted, custodyReturnSubmitted, returnSubmitted } from "./views/parts-modals";
import { assignSubmitted, cancelSubmitted, declineSubmitted, intakeSubmitted, scheduleSubmitted } from "./views/ticket-modals";

export type HandlerRegistry = Pick<App, "use" | "command" | "action" | "view" | "event" | "shortcut" | "options" | "message">;

/** Registers every listener; returns the ids they answer (the safety net's, and /metrics' labels). */
export function registerHandlers(registry: HandlerRegistry, deps: HandlerDeps): ListenedIds {
  const listened = emptyListenedIds();
  // First, so that even the safety net's apology is in the sender's language.
  registry.use(readerLocale(deps));
  registry.use(safetyNet(deps, listened));
  registry.use(dedupeEvents(deps));
  const app = recordingListenedIds(registry, listened);

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
  app.action(ACTIONS.invoiceMark, markInvoicedButton(deps));
  app.action(ACTIONS.escalationSnooze, snoozeEscalationSelect(deps));
  // R12 the technician cannot finish on schedule
  app.action(ACTIONS.ticketCannotFinish, cannotFinishButton(deps));
  app.view(VIEWS.cannotFinish, cannotFinishSubmitted(deps));
  app.action(ACTIONS.directorReportSignOff, signOffReportButton(deps));
  // R20/R22 a manager's sign-off of the monthly evaluation
  app.action(ACTIONS.evaluationSignOff, signOffEvaluationButton(deps));
  // Admins resend a Slack post that failed (`/repair jobs`, App Home)
  app.action(ACTIONS.slackFailureResend, resendSlackFailureButton(deps));

  // R14 parts on loan, R11 workshop register and return to customer
  app.action(ACTIONS.partsBorrowOpen, borrowButton(deps));
  app.options(ACTIONS.partsBorrowPartSelect, partSearch(deps));
  app.view(VIEWS.partsBorrow, borrowSubmitted(deps));
  app.action(ACTIONS.partsReturnOpen, returnButton(deps));
  app.view(VIEWS.partsReturn, returnSubmitted(deps));
  app.action(ACTIONS.registerStateSelect, registerStateSelected(deps));
  app.action(ACTIONS.ticketReturnItem, returnItemButton(deps));
  app.view(VIEWS.custodyReturn, custodyReturnSubmitted(deps));

  // R9–R14 the technician's Report work modal, and Close
  app.action(ACTIONS.ticketReportWork, reportWorkButton(deps));
  app.options(ACTIONS.reportPartSelect, partSearch(deps));
  app.action(ACTIONS.reportAddPart, reportAddPart(deps));
  app.action(ACTIONS.reportOutcome, reportOutcomeChosen(deps));
  app.view(VIEWS.reportWork, reportWorkSubmitted(deps));
  app.action(ACTIONS.ticketClose, closeButton(deps));
  app.view(VIEWS.closeTicket, closeSubmitted(deps));

  // R15 technicians' daily work report (`/repair day`, App Home, the reminder DM)
  app.action(ACTIONS.dailyReportOpen, dailyReportOpenButton(deps));
  app.view(VIEWS.dailyReport, dailyReportSubmitted(deps));

  // R23 the customer's file (`/repair customer` pick list, the intake modal's customer context)
  app.action(ACTIONS.customerFileOpen, customerFileButton(deps));
  app.options(ACTIONS.customerFileSelect, customerSearch(deps));
  app.action(ACTIONS.customerFileSelect, customerFileChosen(deps));
  // R21 complaints: /repair complaint, the ticket's Complaint button, the message shortcut, the complaint message's buttons
  app.shortcut(SHORTCUTS.createComplaint, createComplaint(deps));
  app.options(ACTIONS.complaintCustomerSelect, customerSearch(deps));
  app.action(ACTIONS.ticketComplaint, ticketComplaintButton(deps));
  app.view(VIEWS.complaintRegister, complaintRegisterSubmitted(deps));
  app.action(ACTIONS.complaintAssign, complaintStepButton(deps, "assign"));
  app.action(ACTIONS.complaintRespond, complaintStepButton(deps, "respond"));
  app.action(ACTIONS.complaintResolve, complaintStepButton(deps, "resolve"));
  app.action(ACTIONS.complaintInform, complaintStepButton(deps, "inform"));
  app.view(VIEWS.complaintAssignModal, complaintStepSubmitted(deps));
  app.view(VIEWS.complaintRespondModal, complaintStepSubmitted(deps));
  app.view(VIEWS.complaintResolveModal, complaintStepSubmitted(deps));
  app.view(VIEWS.complaintInformModal, complaintStepSubmitted(deps));
  app.action(ACTIONS.complaintClose, complaintCloseButton(deps));
  app.action(ACTIONS.complaintAcknowledge, complaintAcknowledgeButton(deps));
  // R19/R20 customer surveys: Record survey on the day's survey list
  app.action(ACTIONS.surveyRecord, recordSurveyButton(deps));
  app.action(ACTIONS.surveyCustomerLink, surveyLinkButton(deps));
  app.view(VIEWS.surveyRecord, surveySubmitted(deps));

  app.event(EVENTS.appHomeOpened, appHomeOpened(deps));
  // Technicians' short replies in a ticket's thread (message.channels / .groups / .im)
  app.message(threadReply(deps));
  app.action(ACTIONS.homeRefresh, homeRefresh(deps));
  app.action(ACTIONS.homeSetAvailable, setAvailability(deps, true));
  app.action(ACTIONS.homeSetAway, setAvailability(deps, false));
  app.action(ACTIONS.homeSetLanguage, setLanguage(deps));
  return listened;
}

/** The same registry, noting each id registered, so that the safety net can answer the others at once. */
function recordingListenedIds(registry: HandlerRegistry, listened: ListenedIds): HandlerRegistry {
  const ids = { action: listened.actions, view: listened.views, shortcut: listened.shortcuts, options: listened.options };
  return replacingKeyedKinds(registry, (kind) => {
    const register = registerOn(registry, kind);
    return (constraint, ...listeners) => {
      if (typeof constraint === "string") ids[kind].add(constraint);
      return register(constraint, ...listeners);
    };
  });
}

export type { HandlerDeps } from "./types";
