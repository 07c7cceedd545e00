// Every id Slack sends back to us. Handlers listen on these, views render them, and the manifest
// test checks the manifest declares what needs declaring. Every value across ACTIONS, VIEWS,
// SHORTCUTS, BLOCKS and INPUTS is unique, so a log line names one place.

export const COMMANDS = {
  repair: "/repair",
} as const;

/** Message shortcuts (declared in manifest.yml). */
export const SHORTCUTS = {
  createRepairCall: "create_repair_call",
} as const;

/** Elements whose use reaches a listener: buttons, dispatching selects, external-select options. */
export const ACTIONS = {
  homeRefresh: "home_refresh",
  /** Technicians mark themselves available / away from App Home (value: "available" | "away"). */
  homeSetAvailable: "home_set_available",
  homeSetAway: "home_set_away",

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

  /** Intake modal: customer type-ahead (external select; `app.options` answers it, choosing dispatches). */
  intakeCustomerSelect: "intake_customer_select",
  /** Intake modal: switch between searching a customer and typing a new one (button, value "on" | "off"). */
  intakeNewCustomerToggle: "intake_new_customer_toggle",
  /** Intake modal: choosing equipment dispatches, so the R1 suggestion follows the equipment. */
  intakeEquipmentSelect: "intake_equipment_select",
} as const;

/** Modal callback ids. */
export const VIEWS = {
  intake: "repair_intake",
  assign: "repair_assign",
  schedule: "repair_schedule",
  cancel: "repair_cancel",
  decline: "repair_decline",
} as const;

export const BLOCKS = {
  homeHeader: "home_header",
  homeRoles: "home_roles",
  homeActions: "home_actions",
  homeAvailability: "home_availability",
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
} as const;

/** Events API event types the app listens to. */
export const EVENTS = {
  appHomeOpened: "app_home_opened",
} as const;
