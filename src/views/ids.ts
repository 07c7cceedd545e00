// Every id Slack sends back to us. Handlers listen on these, views render them, and the manifest
// test checks the manifest declares what needs declaring. Every value across ACTIONS, VIEWS,
// SHORTCUTS, BLOCKS and INPUTS is unique, so a log line names one place.

export const COMMANDS = {
  repair: "/repair",
} as const;

/** Message shortcuts (declared in manifest.yml). */
export const SHORTCUTS = {
  createRepairCall: "create_repair_call",
  /** R21: register a complaint from any message (its text becomes the description). */
  createComplaint: "create_complaint",
} as const;

/** Elements whose use reaches a listener: buttons, dispatching selects, external-select options. */
export const ACTIONS = {
  homeRefresh: "home_refresh",
  /** Technicians mark themselves available / away from App Home (value: "available" | "away"). */
  homeSetAvailable: "home_set_available",
  homeSetAway: "home_set_away",
  /** Anyone registered chooses the bot's language from App Home (value: "en" | "ko" | "zh-CN" | "slack"). */
  homeSetLanguage: "home_set_language",

  // Ticket message buttons; value = ticket id.
  ticketAssign: "ticket_assign",
  ticketCompleteIntake: "ticket_complete_intake",
  ticketSchedule: "ticket_schedule",
  ticketEdit: "ticket_edit",
  ticketCancel: "ticket_cancel",
  // The assigned technician's buttons (ticket message and their DM); value = ticket id. R9/R6.
  ticketAccept: "ticket_accept",
  ticketDecline: "ticket_decline",
  ticketArrive: "ticket_arrive",
  /** R9/R10/R13: opens the Report work modal (several reports per ticket). */
  ticketReportWork: "ticket_report_work",
  /** R12: opens the Cannot finish on schedule modal. */
  ticketCannotFinish: "ticket_cannot_finish",
  /** Closes a resolved call, recording the resolution. */
  ticketClose: "ticket_close",
  /** R11: the item in the workshop goes back to the customer (opens the return modal). */
  ticketReturnItem: "ticket_return_item",
  /** "View" in `/repair list`; value = ticket id. */
  ticketView: "ticket_view",
  /** R7: a director's Acknowledge on an overdue alert; value = escalation id. */
  escalationAcknowledge: "escalation_acknowledge",
  /** R10: the accountant's Mark invoiced (DM and /repair invoices). */
  invoiceMark: "invoice_mark",
  /** R7/R12: "Remind me in…" (static select) on an escalation DM; option value = `<escalation id>:<minutes>`. */
  escalationSnooze: "escalation_snooze",
  /** R17: a manager's Sign off on the directors' daily summary; value = DirectorReport id. */
  directorReportSignOff: "director_report_sign_off",
  /** R20/R22: a manager's Sign off on the monthly evaluation; value = EvaluationReport id. */
  evaluationSignOff: "evaluation_sign_off",
  /** An admin's Resend on a failed Slack post (`/repair jobs`, App Home); value = SlackEffectFailure id. */
  slackFailureResend: "slack_failure_resend",

  /** Intake modal: customer type-ahead (external select; `app.options` answers it, choosing dispatches). */
  intakeCustomerSelect: "intake_customer_select",
  /** Intake modal: switch between searching a customer and typing a new one (button, value "on" | "off"). */
  intakeNewCustomerToggle: "intake_new_customer_toggle",
  /** Intake modal: choosing equipment dispatches, so the R1 suggestion follows the equipment. */
  intakeEquipmentSelect: "intake_equipment_select",

  // R14 parts on loan (`/repair parts`, App Home) and R11 workshop register (`/repair register`)
  partsBorrowOpen: "parts_borrow_open",
  partsReturnOpen: "parts_return_open",
  /** Borrow modal: part type-ahead on the branch catalogue (external select; `app.options` answers it). */
  partsBorrowPartSelect: "parts_borrow_part_select",
  /** Workshop register: an item's state (static select; option value "<receiptId>:<state>"). */
  registerStateSelect: "register_state_select",

  /** R15: opens the daily work report modal (`/repair day`, App Home, the reminder DM); value = YYYY-MM-DD or "today". */
  dailyReportOpen: "daily_report_open",
  /** Report work modal (R9–R14): a row's part type-ahead (external select; `app.options` answers it). */
  reportPartSelect: "report_part_select",
  /** Report work modal: adds a part row (views.update). */
  reportAddPart: "report_add_part",
  /** Report work modal: choosing the outcome dispatches, so custody fields follow (R11). */
  reportOutcome: "report_outcome",
  /** R23: opens the customer's file (the `/repair customer` pick list, the intake modal); value = customer id. */
  customerFileOpen: "customer_file_open",
  /** R23: the file modal's customer type-ahead (external select; `app.options` answers it, choosing shows that customer's file). */
  customerFileSelect: "customer_file_select",

  // R21 complaints: the registration modal's customer type-ahead; the ticket message's Complaint
  // button (value = ticket id); the complaint message's buttons (value = complaint id); the
  // escalation DM's Acknowledge (value = escalation id).
  complaintCustomerSelect: "complaint_customer_select",
  ticketComplaint: "ticket_complaint",
  complaintAssign: "complaint_assign",
  complaintRespond: "complaint_respond",
  complaintResolve: "complaint_resolve",
  complaintInform: "complaint_inform",
  complaintClose: "complaint_close",
  complaintAcknowledge: "complaint_acknowledge",

  /** R19: Record survey on a line of the day's survey list; value = `<survey id>:<try>`. */
  surveyRecord: "survey_record",
  /** R20: in the Record survey modal (with PUBLIC_URL), a link for the customer to answer on the page; value = survey id. */
  surveyCustomerLink: "survey_customer_link",
} as const;

/** Modal callback ids. */
export const VIEWS = {
  intake: "repair_intake",
  assign: "repair_assign",
  schedule: "repair_schedule",
  cancel: "repair_cancel",
  decline: "repair_decline",
  /** R12: the technician's Cannot finish modal (reason, new expected completion). */
  cannotFinish: "repair_cannot_finish",
  partsBorrow: "parts_borrow",
  partsReturn: "parts_return",
  custodyReturn: "custody_return",
  /** R15 daily work report; private_metadata = the date. */
  dailyReport: "daily_report",
  /** R9–R14 report work; private_metadata = ticket id and part rows. */
  reportWork: "report_work",
  /** Close a resolved call; private_metadata = ticket id. */
  closeTicket: "close_ticket",
  /** R23: the customer's file (read only, no submit); private_metadata = customer id. */
  customerFile: "customer_file",
  /** R21 complaints: register (private_metadata = prefilled call), assign, respond, resolve, customer told (private_metadata = complaint id). */
  complaintRegister: "complaint_register",
  complaintAssignModal: "complaint_assign_modal",
  complaintRespondModal: "complaint_respond_modal",
  complaintResolveModal: "complaint_resolve_modal",
  complaintInformModal: "complaint_inform_modal",
  /** R19/R20 record a survey; private_metadata = `<survey id>:<try>`. */
  surveyRecord: "survey_record_modal",
  /** R20: the customer's survey link, pushed over the Record survey modal (read only, no submit). */
  surveyLink: "survey_link_modal",
} as const;

export const BLOCKS = {
  // R10 invoice requests
  invoiceRequestPrefix: "invoice_request_",
  invoiceLines: "invoice_lines",
  invoiceActions: "invoice_actions",
  invoiceStatus: "invoice_status",
  // R16/R17 directors' daily summary, R18 contract notices, `/repair jobs`
  summaryHeader: "summary_header",
  summaryBody: "summary_body",
  summaryOverdue: "summary_overdue",
  summaryHours: "summary_hours",
  summaryParts: "summary_parts",
  summaryReports: "summary_reports",
  summaryContracts: "summary_contracts",
  summaryLongLoans: "summary_long_loans",
  summaryState: "summary_state",
  summaryActions: "summary_actions",
  // R20/R22 the monthly evaluation: a heading, targets, overview, `evaluation_technicians_<n>` sections, state, Sign off
  evaluationHeader: "evaluation_header",
  evaluationTargets: "evaluation_targets",
  evaluationOverview: "evaluation_overview",
  evaluationTechniciansPrefix: "evaluation_technicians_",
  evaluationState: "evaluation_state",
  evaluationActions: "evaluation_actions",
  contractNotice: "contract_notice",
  jobRunsHeader: "job_runs_header",
  jobRunsList: "job_runs_list",
  jobRunsLastSuccess: "job_runs_last_success",
  jobRunsMissingRoles: "job_runs_missing_roles",
  // Failed Slack posts (`/repair jobs`, App Home): a heading, one section per failure `slack_failure_<id>`, the rest's count
  slackFailures: "slack_failures",
  slackFailurePrefix: "slack_failure_",
  slackFailuresMore: "slack_failures_more",
  homeMissingRoles: "home_missing_roles",
  homeHeader: "home_header",
  homeRoles: "home_roles",
  homeActions: "home_actions",
  homeAvailability: "home_availability",
  homeLanguage: "home_language",
  helpUsage: "help_usage",

  // Ticket message (channel, ephemeral) and technician DM
  ticketHeader: "ticket_header",
  ticketPriority: "ticket_priority",
  ticketFacts: "ticket_facts",
  ticketPeople: "ticket_people",
  ticketFault: "ticket_fault",
  ticketMissing: "ticket_missing",
  ticketCancelled: "ticket_cancelled",
  ticketContext: "ticket_context",
  ticketActions: "ticket_actions",
  ticketTechnicianActions: "ticket_technician_actions",
  ticketArrival: "ticket_arrival",
  dmIntro: "dm_intro",
  dmTellCustomer: "dm_tell_customer",
  dmNote: "dm_note",
  dmState: "dm_state",
  dmActions: "dm_actions",

  // Ticket list
  listHeader: "list_header",
  listSummary: "list_summary",
  listEmpty: "list_empty",
  listMore: "list_more",

  // R8 carry-over message
  carryOverHeader: "carry_over_header",
  carryOverIntro: "carry_over_intro",
  carryOverMore: "carry_over_more",

  // R7 overdue alert (thread reply, dispatch channel, director DM)
  overdueAlert: "overdue_alert",
  overdueState: "overdue_state",
  overdueActions: "overdue_actions",

  // Intake modal: input blocks (these keys are what `response_action: "errors"` is keyed by)
  intakeSource: "intake_source",
  intakeCustomer: "intake_customer",
  intakeCustomerToggle: "intake_customer_toggle",
  intakeCustomerContext: "intake_customer_context",
  intakeRepeatWarning: "intake_repeat_warning",
  intakeNewName: "intake_new_name",
  intakeNewAddress: "intake_new_address",
  intakeNewPhone: "intake_new_phone",
  intakeNewContactPerson: "intake_new_contact_person",
  intakeNewGrade: "intake_new_grade",
  intakeContactName: "intake_contact_name",
  intakeContactPhone: "intake_contact_phone",
  intakeSiteAddress: "intake_site_address",
  intakeEquipment: "intake_equipment",
  intakeModel: "intake_model",
  intakeSerial: "intake_serial",
  intakeAcceptanceDate: "intake_acceptance_date",
  intakeWarrantyEnd: "intake_warranty_end",
  intakeFault: "intake_fault",
  intakeRequestedAt: "intake_requested_at",
  intakeCalledAt: "intake_called_at",
  intakeArea: "intake_area",
  intakeCategory: "intake_category",
  intakeOverrideReason: "intake_override_reason",
  intakeIncomplete: "intake_incomplete",

  // Assign modal
  assignTicket: "assign_ticket",
  assignTechnician: "assign_technician",
  assignNote: "assign_note",
  assignAppointmentStart: "assign_appointment_start",
  assignAppointmentEnd: "assign_appointment_end",

  // Schedule and cancel modals
  scheduleTicket: "schedule_ticket",
  scheduleStart: "schedule_start",
  scheduleEnd: "schedule_end",
  cancelTicket: "cancel_ticket",
  cancelReason: "cancel_reason",
  declineTicket: "decline_ticket",
  declineReason: "decline_reason",
  // R12 Cannot finish modal
  cannotFinishTicket: "cannot_finish_ticket",
  cannotFinishReason: "cannot_finish_reason",
  cannotFinishExpected: "cannot_finish_expected",

  // R14 parts message, borrow and return modals, loans-at-closing DM
  partsIntro: "parts_intro",
  partsLoans: "parts_loans",
  partsActions: "parts_actions",
  partsStock: "parts_stock",
  partsBorrowPart: "parts_borrow_part",
  partsBorrowQuantity: "parts_borrow_quantity",
  /** Return modal: one input block per loan, `parts_return_loan_<loanId>`. */
  partsReturnLinePrefix: "parts_return_loan_",
  partsAtClosing: "parts_at_closing",
  partsBackOvernight: "parts_back_overnight",
  // R11 workshop register and return-to-customer modal
  registerIntro: "register_intro",
  /** One section per item, `register_item_<receiptId>`. */
  registerItemPrefix: "register_item_",
  registerReturned: "register_returned",
  custodyReturnIntro: "custody_return_intro",
  custodyReturnedAt: "custody_returned_at",
  custodyReturnSignedBy: "custody_return_signed_by",
  custodyReturnNote: "custody_return_note",
  // R15 daily work report modal, director status, reminder DM
  dailyIntro: "daily_intro",
  /** One input block per work line, `daily_line_<workLogId>`. */
  dailyLinePrefix: "daily_line_",
  /** A ticket's heading above its lines, `daily_ticket_<ticketId|internal>`. */
  dailyTicketPrefix: "daily_ticket_",
  dailyTotals: "daily_totals",
  dailyInternalHours: "daily_internal_hours",
  dailyInternalDescription: "daily_internal_description",
  dailyNotes: "daily_notes",
  dailyStatusHeader: "daily_status_header",
  dailyStatusPending: "daily_status_pending",
  dailyStatusSubmitted: "daily_status_submitted",
  dailyReminder: "daily_reminder",
  dailyReminderActions: "daily_reminder_actions",
  // Report work modal (R9–R14); per-category and per-row blocks end in the category / row index.
  reportSummary: "report_summary",
  /** Ticket message: the R13 work line (hours, parts, fee, last outcome). */
  ticketWork: "ticket_work",
  reportHoursPrefix: "report_hours_",
  reportPartPrefix: "report_part_",
  reportPartQtyPrefix: "report_qty_",
  reportSerialOutPrefix: "report_serial_out_",
  reportSerialInPrefix: "report_serial_in_",
  reportAddPartActions: "report_add_part_actions",
  reportOutcomeBlock: "report_outcome_block",
  reportDiagnosis: "report_diagnosis",
  reportNotes: "report_notes",
  reportSignedBy: "report_signed_by",
  reportSignedAt: "report_signed_at",
  reportCustodyItems: "report_custody_items",
  reportCustodyCondition: "report_custody_condition",
  reportCustodyAccessories: "report_custody_accessories",
  reportExpectedCompletion: "report_expected_completion",
  reportFeeContext: "report_fee_context",
  reportTravel: "report_travel",
  reportMeals: "report_meals",
  reportLodging: "report_lodging",
  reportSettledLater: "report_settled_later",
  reportSettlement: "report_settlement",
  reportFeeAgreed: "report_fee_agreed",
  closeSummary: "close_summary",
  closeResolution: "close_resolution",
  // R23 the customer's file and the `/repair customer` pick list
  customerFileFinder: "customer_file_finder",
  customerFileNotice: "customer_file_notice",
  customerFileIdentity: "customer_file_identity",
  customerFileEquipment: "customer_file_equipment",
  customerFileContracts: "customer_file_contracts",
  customerFileOpenCalls: "customer_file_open_calls",
  customerFileClosedCalls: "customer_file_closed_calls",
  customerFileSurveys: "customer_file_surveys",
  customerFileComplaints: "customer_file_complaints",
  customerPickIntro: "customer_pick_intro",
  /** One section per customer to pick: `customer_pick_<id>`. */
  customerPickPrefix: "customer_pick_",
  customerPickMore: "customer_pick_more",
  // R21 complaints: the message, the alert DM, the ticket message's Complaint row, and the modals' inputs
  complaintHeader: "complaint_header",
  complaintFacts: "complaint_facts",
  complaintText: "complaint_text",
  complaintHandling: "complaint_handling",
  complaintContext: "complaint_context",
  complaintActions: "complaint_actions",
  complaintAlert: "complaint_alert",
  complaintAlertState: "complaint_alert_state",
  complaintAlertActions: "complaint_alert_actions",
  ticketComplaintActions: "ticket_complaint_actions",
  complaintCustomer: "complaint_customer",
  complaintCall: "complaint_call",
  complaintTechnician: "complaint_technician",
  complaintSource: "complaint_source",
  complaintKind: "complaint_kind",
  complaintSeverity: "complaint_severity",
  complaintDescription: "complaint_description",
  complaintHandler: "complaint_handler",
  complaintHow: "complaint_how",
  complaintWhen: "complaint_when",
  complaintNote: "complaint_note",
  complaintOutcome: "complaint_outcome",
  complaintSubstantiated: "complaint_substantiated",

  // R19 survey list message (one section per line, `survey_line_<surveyId>_<try>`) and Record survey modal
  surveyListHeader: "survey_list_header",
  surveyListIntro: "survey_list_intro",
  surveyLinePrefix: "survey_line_",
  surveyCall: "survey_call",
  surveyLinkOffer: "survey_link_offer",
  surveyLinkAddress: "survey_link_address",
  surveyOutcome: "survey_outcome",
  surveyRatingsHint: "survey_ratings_hint",
  surveyAttitude: "survey_attitude",
  surveySkill: "survey_skill",
  surveyArrivalTime: "survey_arrival_time",
  surveyPromiseKeeping: "survey_promise_keeping",
  surveyComment: "survey_comment",
  // R20 the survey line of the directors' daily summary
  summarySurveys: "summary_surveys",
} as const;

/**
 * Action ids of plain input elements inside input blocks: never listened to, only read from
 * `view.state.values[blockId][actionId]` by the submission readers.
 */
export const INPUTS = {
  newName: "new_name_input",
  newAddress: "new_address_input",
  newPhone: "new_phone_input",
  newContactPerson: "new_contact_person_input",
  newGrade: "new_grade_input",
  contactName: "contact_name_input",
  contactPhone: "contact_phone_input",
  siteAddress: "site_address_input",
  model: "model_input",
  serial: "serial_input",
  acceptanceDate: "acceptance_date_input",
  warrantyEnd: "warranty_end_input",
  fault: "fault_input",
  requestedAt: "requested_at_input",
  calledAt: "called_at_input",
  area: "area_input",
  category: "category_input",
  overrideReason: "override_reason_input",
  incomplete: "incomplete_input",
  technician: "technician_input",
  note: "note_input",
  appointmentStart: "appointment_start_input",
  appointmentEnd: "appointment_end_input",
  cancelReason: "cancel_reason_input",
  declineReason: "decline_reason_input",
  cannotFinishReason: "cannot_finish_reason_input",
  cannotFinishExpected: "cannot_finish_expected_input",
  partsQuantity: "parts_quantity_input",
  partsReturnQuantity: "parts_return_quantity_input",
  custodyReturnedAt: "custody_returned_at_input",
  custodySignedBy: "custody_signed_by_input",
  custodyNote: "custody_note_input",
  dailyHours: "daily_hours_input",
  dailyInternalHours: "daily_internal_hours_input",
  dailyInternalDescription: "daily_internal_description_input",
  dailyNotes: "daily_notes_input",
  reportHours: "report_hours_input",
  reportQuantity: "report_quantity_input",
  reportSerialOut: "report_serial_out_input",
  reportSerialIn: "report_serial_in_input",
  reportDiagnosis: "report_diagnosis_input",
  reportNotes: "report_notes_input",
  reportSignedBy: "report_signed_by_input",
  reportSignedAt: "report_signed_at_input",
  reportCustodyItems: "report_custody_items_input",
  reportCustodyCondition: "report_custody_condition_input",
  reportCustodyAccessories: "report_custody_accessories_input",
  reportExpectedCompletion: "report_expected_completion_input",
  reportTravel: "report_travel_input",
  reportMeals: "report_meals_input",
  reportLodging: "report_lodging_input",
  reportSettlement: "report_settlement_input",
  reportFeeAgreed: "report_fee_agreed_input",
  closeResolution: "close_resolution_input",
  complaintCall: "complaint_call_input",
  complaintTechnician: "complaint_technician_input",
  complaintSource: "complaint_source_input",
  complaintKind: "complaint_kind_input",
  complaintSeverity: "complaint_severity_input",
  complaintDescription: "complaint_description_input",
  complaintHandler: "complaint_handler_input",
  complaintHow: "complaint_how_input",
  complaintWhen: "complaint_when_input",
  complaintNote: "complaint_note_input",
  complaintOutcome: "complaint_outcome_input",
  complaintSubstantiated: "complaint_substantiated_input",
  surveyOutcome: "survey_outcome_input",
  surveyRating: "survey_rating_input",
  surveyComment: "survey_comment_input",
} as const;

/** Events API event types the app listens to. */
export const EVENTS = {
  appHomeOpened: "app_home_opened",
} as const;
