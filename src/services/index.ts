// The use cases the Slack handlers may call, bound to their dependencies once in the composition
// root. Handlers see this interface only, never the database.
import type { Clock } from "../clock";
import type { Db } from "../db";
import { DEFAULT_ARRIVAL_LIMITS, type ArrivalLimits } from "../domain/deadline";
import type { Log } from "../logger";
import { DEFAULT_WORKSHOP_TURNAROUND, type WorkshopTurnaround } from "../domain/workshop-turnaround";
import { authorize } from "./authorize";
import { acknowledgeEscalation } from "./escalations/acknowledge";
import { snoozeEscalation } from "./escalations/snooze";
import { reportCannotFinish } from "./escalations/report-cannot-finish";
import { getRaisedEscalation, recordEscalationMessage } from "./escalations/raise-overdue";
import { climbRecipients, getEscalationDisplay } from "./escalations/display";
import { getPreDeadlineWarning } from "./escalations/pre-deadline-warning";
import { getContractNotice } from "./contracts/notice-expiring-contracts";
import { getDirectorReportDelivery, recordDirectorReportMessage } from "./reports/director-report";
import { listJobRuns } from "./jobs/list-job-runs";
import { getAssignmentDelivery, getBranchChannels, latestAssignmentDm, markTicketPostStarted } from "./outbox/delivery";
import { listSlackFailures, recordSlackFailure, resendSlackFailure } from "./outbox/failures";
import { signOffDirectorReport } from "./reports/sign-off";
import { claimDelivery, pruneDeliveries, releaseDelivery } from "./slack-deliveries/claim-delivery";
import { resolveActor, type Actor } from "./staff/resolve-actor";
import { setAvailability } from "./staff/set-availability";
import { setStaffLocale } from "./staff/set-locale";
import { branchLocale, customerLocale, localeSource, readerLocale, type SlackUserLocaleLookup } from "./locales/resolve-locale";
import { listMissingRoles } from "./staff/missing-roles";
import { correctDailyWork, dailyReportStatus, getDailyWork, submitDailyReport } from "./reports/daily-work-report";
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
import { defaultWorkshopCompletion, reportWork } from "./tickets/report-work";
import { closeTicket, lastReportSummary } from "./tickets/close-ticket";
import { getTicketEnding } from "./tickets/ticket-ending";
import { handleThreadReply } from "./tickets/thread-replies";
import { queueThreadReply } from "./inbox/thread-replies";
import { registerTicket } from "./tickets/register-ticket";
import { scheduleVisit } from "./tickets/schedule-visit";
import { searchCustomers } from "./tickets/search-customers";
import { suggestTechnicians } from "./tickets/suggest-technicians";
import { borrowParts, listMyLoans, listParts, returnParts, searchBranchStock } from "./parts/loans";
import { flagLoansAtClosing } from "./parts/flag-loans-at-closing";
import { listGoodsRegister, openCustodyReceipts, returnCustodyItem, setCustodyState } from "./workshop/custody";
import { listInvoiceRequests } from "./invoices/list-invoice-requests";
import { getInvoiceRequest, invoiceRecipients, markInvoiced } from "./invoices/mark-invoiced";
import { openSurveyLink } from "./surveys/open-survey-link";
import { answerSurveyByLink } from "./surveys/answer-survey-by-link";
import { createSurveyLink } from "./surveys/create-survey-link";
import { getCustomerFile } from "./customers/get-customer-file";
import { lookupCustomer } from "./customers/lookup-customer";
import { registerComplaint } from "./complaints/register-complaint";
import { complaintDirectors, complaintForStep, complaintPrefill, getComplaintCard, markComplaintPostStarted, recordComplaintMessage } from "./complaints/get-complaint";
import { assignComplaintHandler, closeComplaint, recordComplaintOutcome, recordComplaintResponse, recordCustomerInformed } from "./complaints/record-steps";
import { acknowledgeComplaintEscalation, complaintEscalationRecipients, getComplaintAlert, recordComplaintEscalationMessage } from "./complaints/escalations";
import { levelRecipients } from "./complaints/technician-level";
import type { EvaluationSettings } from "../domain/monthly-evaluation";
import { getEvaluationReportDelivery, recordEvaluationReportMessage } from "./evaluations/evaluation-report";
import { showEvaluation } from "./evaluations/show-evaluation";
import { signOffEvaluation } from "./evaluations/sign-off-evaluation";
import { getSurveyForRecording } from "./surveys/get-survey-for-recording";
import { recordSurvey } from "./surveys/record-survey";
import { getSurveyListMessage, recordSurveyListPost } from "./surveys/survey-list-message";

export interface ServiceDeps {
  db: Db;
  clock: Clock;
  log: Log;
  adminSlackIds: readonly string[];
  /** R6 limits (config ARRIVAL_HOURS_URBAN / _SUBURBAN); 6 and 7 working hours by default. */
  arrivalLimits?: ArrivalLimits;
  /** R7/R12: working minutes before an unacknowledged escalation climbs (config ESCALATE_AFTER_MINUTES). */
  escalateAfterMinutes?: number;
  /** R11/R12: the workshop turnaround target (WORKSHOP_TURNAROUND_DAYS / _SPECIAL_DAYS); 1 and 3 working days by default. */
  workshopTurnaround?: WorkshopTurnaround;
  /** R22: months of the rolling window in which substantiated complaints count (COMPLAINT_WINDOW_MONTHS); 12 by default. */
  complaintWindowMonths?: number;
  /** R20/R22: the monthly evaluation's targets and complaint window (SURVEY_*_TARGET_PERCENT, EVALUATION_ON_TIME_TARGET_PERCENT, COMPLAINT_WINDOW_MONTHS). */
  evaluationSettings?: EvaluationSettings;
  /** R19: tries before an unreachable customer's survey counts as no answer (config SURVEY_MAX_ATTEMPTS); 3 by default. */
  surveyMaxAttempts?: number;
  /** R20: days a customer's survey link stays valid (config SURVEY_LINK_DAYS); 14 by default. */
  surveyLinkDays?: number;
  /** Issue 14: a person's Slack language (publish/slack-user-locales.ts, cached); without it Slack's language is skipped. */
  slackUserLocale?: SlackUserLocaleLookup;
}

type OptionsOf<F> = F extends (deps: never, options: infer O) => unknown ? O : never;

export function createServices(deps: ServiceDeps) {
  const base = { db: deps.db, clock: deps.clock, log: deps.log };
  const locales = localeSource({ db: deps.db, slackUserLocale: deps.slackUserLocale });
  const withLimits = { ...base, arrivalLimits: deps.arrivalLimits ?? { ...DEFAULT_ARRIVAL_LIMITS } };
  const withTurnaround = { ...base, workshopTurnaround: deps.workshopTurnaround ?? { ...DEFAULT_WORKSHOP_TURNAROUND } };
  return {
    resolveActor: (slackUserId: string) => resolveActor(deps, slackUserId),
    authorize,
    assertAssignee,
    claimDelivery: (options: { key: string; kind: string }) => claimDelivery(deps, options),
    releaseDelivery: (key: string) => releaseDelivery(deps, key),
    pruneDeliveries: (options: { olderThanHours: number }) => pruneDeliveries(deps, options),

    searchCustomers: (options: OptionsOf<typeof searchCustomers>) => searchCustomers(base, options),
    getCustomerContext: (options: OptionsOf<typeof getCustomerContext>) => getCustomerContext(base, options),
    // R20: the customer's own survey page (transport/survey-pages.ts)
    openSurveyLink: (options: OptionsOf<typeof openSurveyLink>) => openSurveyLink(base, options),
    answerSurveyByLink: (options: OptionsOf<typeof answerSurveyByLink>) => answerSurveyByLink(base, options),
    createSurveyLink: (options: OptionsOf<typeof createSurveyLink>) => createSurveyLink({ ...base, surveyLinkDays: deps.surveyLinkDays }, options),
    // R23 the customer's file (`/repair customer`, the intake modal's link)
    lookupCustomer: (options: OptionsOf<typeof lookupCustomer>) => lookupCustomer(base, options),
    getCustomerFile: (options: OptionsOf<typeof getCustomerFile>) => getCustomerFile(base, options),
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
    reportWork: (options: OptionsOf<typeof reportWork>) => reportWork(withTurnaround, options),
    defaultWorkshopCompletion: (options: OptionsOf<typeof defaultWorkshopCompletion>) => defaultWorkshopCompletion(withTurnaround, options),
    closeTicket: (options: OptionsOf<typeof closeTicket>) => closeTicket(base, options),
    lastReportSummary: (options: OptionsOf<typeof lastReportSummary>) => lastReportSummary(base, options),
    getTicketEnding: (options: OptionsOf<typeof getTicketEnding>) => getTicketEnding(base, options),
    // Thread replies from the field: arrived, hours, part, done, notes; queued by the listener, handled by the workers
    queueThreadReply: (reply: OptionsOf<typeof queueThreadReply>) => queueThreadReply(base, reply),
    handleThreadReply: (options: OptionsOf<typeof handleThreadReply>) => handleThreadReply(base, options),
    listTickets: (options: OptionsOf<typeof listTickets>) => listTickets(base, options),
    getTicketCard: (options: OptionsOf<typeof getTicketCard>) => getTicketCard(base, options),
    findTicketByVoucher: (options: OptionsOf<typeof findTicketByVoucher>) => findTicketByVoucher(base, options),
    recordTicketMessage: (options: OptionsOf<typeof recordTicketMessage>) => recordTicketMessage(base, options),
    recordAssignmentMessage: (options: OptionsOf<typeof recordAssignmentMessage>) => recordAssignmentMessage(base, options),
    findTicketByMessage: (options: OptionsOf<typeof findTicketByMessage>) => findTicketByMessage(base, options),
    setAvailability: (options: { actor: Actor; available: boolean }) => setAvailability(base, options),
    // Issue 14: the reader's language (own choice > Slack's > the branch's > English), and the App Home choice
    setStaffLocale: async (options: OptionsOf<typeof setStaffLocale>) => {
      const result = await setStaffLocale(base, options);
      locales.forgetPerson(options.actor.slackUserId);
      return result;
    },
    readerLocale: (options: OptionsOf<typeof readerLocale>) => readerLocale({ db: deps.db, slackUserLocale: deps.slackUserLocale }, options),
    branchLocale: (branchId: number) => branchLocale(deps, branchId),
    customerLocale: (customerId: number) => customerLocale(deps, customerId),
    /** For HandlerDeps.locales and the outbox's deps.locales (i18n/locale-source.ts's LocaleSource). */
    locales,
    acknowledgeEscalation: (options: OptionsOf<typeof acknowledgeEscalation>) => acknowledgeEscalation(base, options),
    snoozeEscalation: (options: OptionsOf<typeof snoozeEscalation>) => snoozeEscalation(base, options),
    reportCannotFinish: (options: OptionsOf<typeof reportCannotFinish>) =>
      reportCannotFinish(base, { escalateAfterMinutes: deps.escalateAfterMinutes, ...options }),
    recordEscalationMessage: (options: OptionsOf<typeof recordEscalationMessage>) => recordEscalationMessage(base, options),
    getRaisedEscalation: (options: OptionsOf<typeof getRaisedEscalation>) => getRaisedEscalation(base, options),
    // R17 sign-off of the directors' daily summary; admins' view of job runs
    signOffDirectorReport: (options: OptionsOf<typeof signOffDirectorReport>) => signOffDirectorReport(base, options),
    listJobRuns: (options: OptionsOf<typeof listJobRuns>) => listJobRuns(base, options),
    // The outbox: what its workers read and record, and the failures admins resend
    markTicketPostStarted: (options: OptionsOf<typeof markTicketPostStarted>) => markTicketPostStarted(base, options),
    getAssignmentDelivery: (options: OptionsOf<typeof getAssignmentDelivery>) => getAssignmentDelivery(base, options),
    latestAssignmentDm: (options: OptionsOf<typeof latestAssignmentDm>) => latestAssignmentDm(base, options),
    recordSlackFailure: (options: OptionsOf<typeof recordSlackFailure>) => recordSlackFailure(base, options),
    getEscalationDisplay: (options: OptionsOf<typeof getEscalationDisplay>) => getEscalationDisplay(base, options),
    climbRecipients: () => climbRecipients(base),
    getBranchChannels: (options: OptionsOf<typeof getBranchChannels>) => getBranchChannels(base, options),
    getPreDeadlineWarning: (options: OptionsOf<typeof getPreDeadlineWarning>) => getPreDeadlineWarning(base, options),
    getDirectorReportDelivery: (options: OptionsOf<typeof getDirectorReportDelivery>) => getDirectorReportDelivery(base, options),
    recordDirectorReportMessage: (options: OptionsOf<typeof recordDirectorReportMessage>) => recordDirectorReportMessage(base, options),
    getContractNotice: (options: OptionsOf<typeof getContractNotice>) => getContractNotice(base, options),
    listSlackFailures: (options: OptionsOf<typeof listSlackFailures>) => listSlackFailures(base, options),
    resendSlackFailure: (options: OptionsOf<typeof resendSlackFailure>) => resendSlackFailure(base, options),
    listMissingRoles: (options: OptionsOf<typeof listMissingRoles>) => listMissingRoles(base, options),
    // R14 parts on loan, R11 workshop register
    borrowParts: (options: OptionsOf<typeof borrowParts>) => borrowParts(base, options),
    returnParts: (options: OptionsOf<typeof returnParts>) => returnParts(base, options),
    listMyLoans: (options: OptionsOf<typeof listMyLoans>) => listMyLoans(base, options),
    listParts: (options: OptionsOf<typeof listParts>) => listParts(base, options),
    searchBranchStock: (options: OptionsOf<typeof searchBranchStock>) => searchBranchStock(base, options),
    flagLoansAtClosing: (options: OptionsOf<typeof flagLoansAtClosing>) => flagLoansAtClosing(base, options),
    listGoodsRegister: (options: OptionsOf<typeof listGoodsRegister>) => listGoodsRegister(withTurnaround, options),
    setCustodyState: (options: OptionsOf<typeof setCustodyState>) => setCustodyState(base, options),
    returnCustodyItem: (options: OptionsOf<typeof returnCustodyItem>) => returnCustodyItem(base, options),
    openCustodyReceipts: (options: OptionsOf<typeof openCustodyReceipts>) => openCustodyReceipts(base, options),
    // R10 the accountants' invoice requests
    listInvoiceRequests: (options: OptionsOf<typeof listInvoiceRequests>) => listInvoiceRequests(base, options),
    markInvoiced: (options: OptionsOf<typeof markInvoiced>) => markInvoiced(base, options),
    getInvoiceRequest: (options: OptionsOf<typeof getInvoiceRequest>) => getInvoiceRequest(base, options),
    invoiceRecipients: () => invoiceRecipients(base),
    // R15 technicians' daily work report
    getDailyWork: (options: OptionsOf<typeof getDailyWork>) => getDailyWork(base, options),
    correctDailyWork: (options: OptionsOf<typeof correctDailyWork>) => correctDailyWork(base, options),
    submitDailyReport: (options: OptionsOf<typeof submitDailyReport>) => submitDailyReport(base, options),
    dailyReportStatus: (options: OptionsOf<typeof dailyReportStatus>) => dailyReportStatus(base, options),
    // R21/R22 complaints: registering, handling, their escalations; what the outbox reads and records
    registerComplaint: (options: OptionsOf<typeof registerComplaint>) => registerComplaint(base, options),
    complaintPrefill: (options: OptionsOf<typeof complaintPrefill>) => complaintPrefill(base, options),
    getComplaintCard: (options: OptionsOf<typeof getComplaintCard>) => getComplaintCard(base, options),
    complaintForStep: (options: OptionsOf<typeof complaintForStep>) => complaintForStep(base, options),
    assignComplaintHandler: (options: OptionsOf<typeof assignComplaintHandler>) => assignComplaintHandler(base, options),
    recordComplaintResponse: (options: OptionsOf<typeof recordComplaintResponse>) => recordComplaintResponse(base, options),
    recordComplaintOutcome: (options: OptionsOf<typeof recordComplaintOutcome>) => recordComplaintOutcome({ ...base, complaintWindowMonths: deps.complaintWindowMonths ?? 12 }, options),
    recordCustomerInformed: (options: OptionsOf<typeof recordCustomerInformed>) => recordCustomerInformed(base, options),
    closeComplaint: (options: OptionsOf<typeof closeComplaint>) => closeComplaint(base, options),
    acknowledgeComplaintEscalation: (options: OptionsOf<typeof acknowledgeComplaintEscalation>) => acknowledgeComplaintEscalation(base, options),
    markComplaintPostStarted: (options: OptionsOf<typeof markComplaintPostStarted>) => markComplaintPostStarted(base, options),
    recordComplaintMessage: (options: OptionsOf<typeof recordComplaintMessage>) => recordComplaintMessage(base, options),
    complaintDirectors: (options: OptionsOf<typeof complaintDirectors>) => complaintDirectors(base, options),
    getComplaintAlert: (options: OptionsOf<typeof getComplaintAlert>) => getComplaintAlert(base, options),
    complaintEscalationRecipients: (options: OptionsOf<typeof complaintEscalationRecipients>) => complaintEscalationRecipients(base, options),
    recordComplaintEscalationMessage: (options: OptionsOf<typeof recordComplaintEscalationMessage>) => recordComplaintEscalationMessage(base, options),
    complaintLevelRecipients: (options: OptionsOf<typeof levelRecipients>) => levelRecipients(base, options),
    // R20/R22 the technicians' monthly evaluation: shown privately, signed off by a manager, posted by the outbox
    showEvaluation: (options: OptionsOf<typeof showEvaluation>) => showEvaluation({ ...base, evaluationSettings: deps.evaluationSettings }, options),
    signOffEvaluation: (options: OptionsOf<typeof signOffEvaluation>) => signOffEvaluation(base, options),
    getEvaluationReportDelivery: (options: OptionsOf<typeof getEvaluationReportDelivery>) => getEvaluationReportDelivery(base, options),
    recordEvaluationReportMessage: (options: OptionsOf<typeof recordEvaluationReportMessage>) => recordEvaluationReportMessage(base, options),
    // R19/R20 customer surveys: the Record survey modal, and the day's list the outbox posts and updates
    getSurveyForRecording: (options: OptionsOf<typeof getSurveyForRecording>) => getSurveyForRecording({ ...base, surveyMaxAttempts: deps.surveyMaxAttempts }, options),
    recordSurvey: (options: OptionsOf<typeof recordSurvey>) => recordSurvey({ ...base, surveyMaxAttempts: deps.surveyMaxAttempts }, options),
    getSurveyListMessage: (options: OptionsOf<typeof getSurveyListMessage>) => getSurveyListMessage(base, options),
    recordSurveyListPost: (options: OptionsOf<typeof recordSurveyListPost>) => recordSurveyListPost(base, options),
  };
}

export type Services = ReturnType<typeof createServices>;
