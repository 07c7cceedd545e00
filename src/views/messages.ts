// Everything a person reads that is not laid out by a view builder lives here, one catalogue per
// language, so the bot can learn Korean and Chinese by adding catalogues rather than hunting strings.
// Functions take already-formatted pieces (dates, mentions), so a catalogue only orders words.
import type { ServiceCategory } from "../domain/category";
import type { ServiceArea } from "../domain/deadline";
import { MAX_CALLED_AT_DAYS_BACK } from "../domain/intake";
import type { Role } from "../domain/permissions";
import type { ErrorCode } from "../errors";
import { currentLocale, type Locale } from "../i18n/locale";
import { PSEUDO_LOCALE } from "../i18n/locale";
import { pseudoCatalogue } from "../i18n/pseudo";
import type { CustomerGrade, TicketListFilter, TicketStatus } from "../services/tickets/models";
import * as complaints from "./catalogue/complaints";
import * as dailyReport from "./catalogue/daily-report";
import * as directorSummary from "./catalogue/director-summary";
import * as escalations from "./catalogue/escalations";
import * as evaluation from "./catalogue/evaluation";
import * as invoices from "./catalogue/invoices";
import * as customerFile from "./catalogue/customer-file";
import * as partsWorkshop from "./catalogue/parts-workshop";
import * as surveys from "./catalogue/surveys";
import * as threadReplies from "./catalogue/thread-replies";
import * as workReport from "./catalogue/work-report";
import { ko } from "./locales/ko";
import { zhCN } from "./locales/zh-CN";

export type { Locale } from "../i18n/locale";

/** The semantic field names services use in `missingFields` and VALIDATION field errors. */
export type IntakeField =
  | "customer"
  | "customerName"
  | "address"
  | "phone"
  | "contactPhone"
  | "area"
  | "grade"
  | "equipment"
  | "model"
  | "serial"
  | "acceptanceDate"
  | "warrantyEnd"
  | "faultDescription"
  | "requestedServiceAt"
  | "calledAt"
  | "categoryOverrideReason";

const en = {
  // Features with much text keep it in their own file under ./catalogue, one `en` object each.
  workReport: workReport.en,
  threadReplies: threadReplies.en,
  escalations: escalations.en,
  partsWorkshop: partsWorkshop.en,
  dailyReport: dailyReport.en,
  directorSummary: directorSummary.en,
  invoices: invoices.en,
  customerFile: customerFile.en,
  complaints: complaints.en,
  evaluation: evaluation.en,
  surveys: surveys.en,

  roleNames: {
    DISPATCHER: "Dispatcher",
    TECHNICIAN: "Technician",
    DIRECTOR: "Service director",
    MANAGER: "Manager",
    PARTS_CLERK: "Parts clerk",
    ACCOUNTANT: "Accountant",
    SURVEYOR: "Surveyor",
    ADMIN: "Admin",
  } satisfies Record<Role, string>,
  /** Plural role names, for "Only dispatchers, service directors can do that." */
  rolePlurals: {
    DISPATCHER: "dispatchers",
    TECHNICIAN: "technicians",
    DIRECTOR: "service directors",
    MANAGER: "managers",
    PARTS_CLERK: "parts clerks",
    ACCOUNTANT: "accountants",
    SURVEYOR: "surveyors",
    ADMIN: "admins",
  } satisfies Record<Role, string>,
  status: {
    INCOMPLETE: "Incomplete",
    REGISTERED: "Registered",
    ASSIGNED: "Assigned",
    ACCEPTED: "Accepted",
    ON_SITE: "On site",
    IN_WORKSHOP: "In workshop",
    ON_HOLD: "On hold",
    RESOLVED: "Resolved",
    CLOSED: "Closed",
    CANCELLED: "Cancelled",
  } satisfies Record<TicketStatus, string>,
  /** R1 */
  category: {
    A_PAID: "A paid",
    B_CONTRACT: "B contract",
    C_WARRANTY: "C warranty",
    D_INTERNAL: "D internal",
  } satisfies Record<ServiceCategory, string>,
  area: {
    URBAN: "Urban",
    SUBURBAN: "Suburban",
  } satisfies Record<ServiceArea, string>,
  /** R23 */
  grade: {
    A: "Grade A",
    B: "Grade B",
    C: "Grade C",
  } satisfies Record<CustomerGrade, string>,
  coverage: {
    warranty: (until: string) => `Under warranty until ${until}`,
    contract: (contractNumber: string, until: string) => `Contract ${contractNumber} until ${until}`,
    none: "No warranty or contract",
    /** Short forms for option texts (75 characters). */
    warrantyShort: (until: string) => `warranty to ${until}`,
    contractShort: (until: string) => `contract to ${until}`,
    noneShort: "no cover",
  },
  /** How a missing or invalid field is named to people (R3). */
  fieldNames: {
    customer: "customer",
    customerName: "customer name",
    address: "address",
    phone: "phone",
    contactPhone: "contact phone",
    area: "area",
    grade: "customer grade",
    equipment: "equipment",
    model: "model",
    serial: "serial number",
    acceptanceDate: "acceptance date",
    warrantyEnd: "warranty end",
    faultDescription: "fault description",
    requestedServiceAt: "requested service time",
    calledAt: "time the customer called",
    categoryOverrideReason: "reason for the category change",
  } satisfies Record<IntakeField, string>,
  system: (name: string) => `The service desk (${name})`,
  truncated: "…",

  help: {
    title: "Repair desk: what /repair does",
    fallback: "How to use /repair",
    usage: [
      "`/repair` or `/repair new` opens the form to register a repair call (dispatchers, service directors, admins).",
      `In the form, *Customer called at* is when the customer called (default: now; not in the future, at most ${MAX_CALLED_AT_DAYS_BACK} days back): the arrival deadline (R6) counts from it, not from when you press Register.`,
      "`/repair SV-2026-000123` shows that ticket to you, with its buttons.",
      "`/repair list` lists your branch's open tickets, most urgent first (deadline, then customer grade). Add a filter: `open`, `unassigned`, `overdue`, `mine` or `incomplete`.",
      "On any message, *More actions → Create repair call* opens the same form with the fault filled in from the message and a link back to it.",
      "On the ticket message in the dispatch channel: *Assign*, *Schedule visit*, *Edit* and *Cancel*. Every change is written in the ticket's thread.",
      "`/repair parts [part no. or name]` shows your parts on loan (Borrow, Return) and the branch stock (R14).",
      "`/repair register` shows what is in the workshop, with each item's state, repair card and when it is due out by the turnaround target (R11).",
      "`/repair day [YYYY-MM-DD]` opens your daily work report: correct the hours, add internal work, submit (R15). Directors: `/repair day team` lists who has not submitted.",
      "Technicians: reply in the ticket's thread (or your assignment DM's) with `arrived`, `hours 1.5`, `part P-1001 x2`, `done signed <customer name>` or `note <text>`, one per line.",
      "`/repair invoices` lists the invoice requests still to issue, with *Mark invoiced* (accountants; directors see their branch's). Fees up to the branch's on-site limit are collected against the customer's signed receipt; above it, or for a workshop repair on the day the item goes back, an invoice is requested (R10).",
      "`/repair jobs` lists the latest scheduled-job runs, failures first, any role nobody holds (no manager, a branch without a director), whose alerts go to the admins, and the Slack posts that failed, with *Resend* (admins).",
      "`/repair customer <name, code or phone>` (or `/repair customer` alone, for a type-ahead) shows the customer's file privately: grade, contacts, equipment with warranty and contract, contracts, open and last closed calls, surveys and complaints (dispatchers and service directors for their branch, managers; R23).",
      "`/repair complaint [SV-2026-000123]` registers a customer's complaint or suggestion (also the *Complaint* button on a ticket, or *More actions → Register complaint* on a message); serious ones go to the managers at once (R21).",
      "`/repair evaluation [YYYY-MM] [@technician]` shows the technicians' monthly evaluation privately: calls closed, survey coverage and satisfaction, arrivals on time, hours per category, complaints and the R22 level, against the targets (service directors, managers; the previous month by default).",
      "`/repair help` shows this message.",
    ],
    unknownCommand: (text: string) => `I don't know \`/repair ${text}\`. Here is what I understand:`,
  },
  home: {
    fallback: "Service desk home",
    title: "Service desk",
    greeting: (name: string) => `Hello ${name}.`,
    rolesLine: (roles: string[], branch?: string) =>
      roles.length ? `Your roles${branch ? ` at *${branch}*` : ""}: ${roles.join(", ")}.` : "You have no roles yet.",
    notRegistered:
      "You are not registered with the service desk yet. Ask an admin to add you (staff import), then reopen this tab.",
    refresh: "Refresh",
    availableNow: ":large_green_circle: You are *available*: dispatchers can assign you new calls.",
    awayNow: ":white_circle: You are *away*: dispatchers see you last, marked away.",
    markAway: "Mark me away",
    markAvailable: "I'm back: mark me available",
    /** Issue 14: the App Home language choice. */
    languageLine: "*Language*: the one the bot writes to you in.",
    languagePlaceholder: "Choose a language",
    /** Unset: Slack's own language setting decides (then the branch's). */
    languageSlack: "Slack's language",
    /** Each language named in itself, so a reader finds theirs whatever language the page is in: the same in every catalogue. */
    languageNames: { en: "English", ko: "한국어", "zh-CN": "中文(简体)" },
  },

  ticket: {
    fallback: (voucherNo: string, status: string, customer: string) => `${voucherNo} · ${status} · ${customer}`,
    header: (voucherNo: string, status: string) => `${voucherNo} · ${status}`,
    priority: ":arrow_double_up: *Priority*: carried over from an earlier day, dispatch first (R8).",
    warrantyUnknown: ":grey_question: *Warranty unknown*: no warranty end on file and no contract. Before dispatching, *Edit* the call to set the warranty end, or confirm category A with a reason (R1).",
    overdue: ":red_circle: *Overdue*: the arrival deadline has passed (R6).",
    customer: "Customer",
    phone: "Phone",
    address: "Address",
    contact: "Contact",
    equipment: "Equipment",
    noEquipment: "Not recorded",
    coverage: "Cover",
    category: "Category",
    categoryOverridden: (category: string, suggested: string, reason: string) => `${category} (R1 said ${suggested}: ${reason})`,
    area: "Area",
    deadline: "Arrival deadline",
    noDeadline: "Set once the call is complete",
    appointment: "Appointment",
    noAppointment: "Not agreed yet",
    requested: "Customer asks for",
    calledAt: "Customer called",
    technician: "Technician",
    unassigned: "Not assigned",
    registeredBy: "Registered by",
    fault: "Fault",
    noFault: "No fault description yet.",
    missing: (fields: string[]) => `:warning: *Incomplete (R3)*: missing ${fields.join(", ")}. It cannot be assigned until the intake is completed.`,
    cancelled: (reason: string) => `:no_entry: *Cancelled*: ${reason}`,
    received: (date: string) => `Received ${date}`,
    fromMessage: (link: string) => `Created from <${link}|this message>`,
    inChannel: (link: string) => `<${link}|Open the ticket message>`,
    equipmentLine: (model: string, serial: string) => `${model} · S/N ${serial}`,
    acceptedOn: (date: string) => `accepted ${date}`,
    assign: "Assign",
    reassign: "Re-assign",
    completeIntake: "Complete intake",
    schedule: "Schedule visit",
    edit: "Edit",
    cancel: "Cancel call",
    cancelConfirmTitle: "Cancel this call?",
    cancelConfirmText: (voucherNo: string) => `You will be asked why ${voucherNo} is cancelled. The customer's call will not be dispatched.`,
    cancelConfirmYes: "Yes, give a reason",
    cancelConfirmNo: "Keep it",
    appointmentRange: (start: string, end: string) => `${start} – ${end}`,
    accept: "Accept",
    decline: "Decline",
    arrived: "Arrived",
    reportWork: "Report work",
    cannotFinish: "Cannot finish on schedule",
    close: "Close",
    returnItem: "Return to customer",
    arrivedOnTime: (when: string) => `:round_pushpin: *On site* since ${when}, on time (R6).`,
    /** `late` is a duration, e.g. "40 min" or "15 h 30 min" (overdue.duration). */
    arrivedLate: (when: string, late: string) => `:round_pushpin: *On site* since ${when}, *${late} late* (R6).`,
  },

  /** The assigned technician's actions (R9) and what they are told back. */
  technician: {
    accepted: (voucherNo: string) => `:white_check_mark: You accepted *${voucherNo}*. Press *Arrived* when you are on site (R6).`,
    arrived: (voucherNo: string) => `:round_pushpin: You are on site for *${voucherNo}*.`,
    declinedFallback: (voucherNo: string) => `You declined ${voucherNo}`,
    declined: (voucherNo: string, reason: string) => `:leftwards_arrow_with_hook: You declined *${voucherNo}*: ${reason}. It is back in the dispatcher's queue.`,
    alreadyAccepted: (voucherNo: string, when: string) => `You already accepted ${voucherNo} (${when}).`,
    alreadyArrived: (voucherNo: string, when: string) => `Your arrival at ${voucherNo} was already recorded (${when}).`,
    needsTechnician: (voucherNo: string) => `:rotating_light: ${voucherNo} needs a new technician: press *Assign* on the ticket.`,
  },

  decline: {
    title: "Decline repair call",
    submit: "Decline",
    close: "Keep it",
    summary: (voucherNo: string, customer: string) => `Decline *${voucherNo}* for ${customer}? It goes back to the dispatcher, who will see your reason.`,
    reason: "Reason",
    placeholder: "For example: I am on another call until tomorrow",
    errors: {
      reasonRequired: "Say why you decline the call.",
      tooLong: (max: number) => `Keep the reason under ${max} characters.`,
    },
  },

  intake: {
    titleNew: "New repair call",
    titleComplete: "Complete intake",
    titleEdit: "Edit repair call",
    submitNew: "Register",
    submitComplete: "Complete",
    submitEdit: "Save",
    close: "Cancel",
    fromMessage: (link: string) => `From <${link}|this message>: the fault is filled in from it.`,
    customer: "Customer",
    customerPlaceholder: "Type a name or phone number",
    customerHint: "Type at least 2 letters or digits. Not found? Use “New customer”.",
    noCustomerMatch: "No customer found: use “New customer” below",
    newCustomer: "New customer",
    searchCustomer: "Search existing customers",
    newName: "Customer name",
    newAddress: "Address",
    newPhone: "Phone",
    phoneHint: "Digits, spaces, hyphens, brackets; a leading + for abroad. For example 010-1234-5678.",
    newContactPerson: "Contact person",
    newGrade: "Customer grade (R23)",
    gradeA: "A: key customer",
    gradeB: "B: regular customer",
    gradeC: "C: occasional customer",
    customerSummary: (name: string, grade: string, phone: string, address: string) => `*${name}* · ${grade} · ${phone}\n${address}`,
    contactPerson: (name: string) => `Contact person: ${name}`,
    repeatCall: (count: number) => `:warning: *Repeat call?* ${count} open ticket${count === 1 ? "" : "s"} for this customer:`,
    openTicketLine: (voucherNo: string, status: string, received: string, fault: string) => `• ${voucherNo} · ${status} · received ${received}${fault ? ` · ${fault}` : ""}`,
    moreOpenTickets: (count: number) => `• … and ${count} more`,
    liveContracts: "Live contracts:",
    contractLine: (number: string, endsOn: string, all: boolean) => `• ${number} until ${endsOn}${all ? " (all equipment)" : ""}`,
    noContracts: "No live maintenance contract.",
    contactName: "Contact for this call",
    contactNameHint: "Only when someone else than the customer's contact person should be called.",
    contactPhone: "Contact phone for this call",
    siteAddress: "Site address for this call",
    siteAddressHint: "Only when the equipment is not at the customer's address.",
    equipment: "Equipment",
    equipmentPlaceholder: "Choose the customer's equipment",
    equipmentOther: "Other equipment: type model and serial below",
    moreEquipment: (count: number) => `${count} more pieces of equipment are not listed: type model and serial.`,
    model: "Model",
    serial: "Serial number",
    acceptanceDate: "Acceptance (installation) date",
    warrantyEnd: "Warranty end (new equipment, or one whose warranty is unknown)",
    newEquipmentHint: "Only for equipment not in the list above.",
    fault: "Fault description",
    faultPlaceholder: "What the customer reports",
    requestedAt: "Customer wants service at",
    calledAt: "Customer called at",
    calledAtHint: `The arrival deadline (R6) counts from the customer's call. Not in the future, at most ${MAX_CALLED_AT_DAYS_BACK} days back.`,
    area: "Area",
    category: "Service category (R1)",
    categoryAuto: "As R1 says (warranty, contract, paid)",
    categorySuggested: (category: string) => `R1 suggests ${category}.`,
    categoryUnknown: "R1 decides from the equipment's warranty and the customer's contracts when the call is saved.",
    overrideReason: "Reason for changing the category",
    overrideHint: "Required when you choose a category other than R1's suggestion.",
    incomplete: "Save as incomplete (R3)",
    incompleteOption: "Information is missing: save it, call the customer back, complete it later",
    incompleteHint: "An incomplete call gets a voucher number but cannot be assigned until completed.",
    errors: {
      customerRequired: "Choose a customer, or use “New customer”.",
      nameRequired: "Enter the customer's name.",
      addressRequired: "Enter the customer's address, or save as incomplete.",
      phoneRequired: "Enter the customer's phone number.",
      phoneFormat: "Enter a phone number: 7 to 15 digits, with spaces, hyphens or brackets, e.g. 010-1234-5678.",
      gradeRequired: "Choose the customer's grade.",
      equipmentRequired: "Choose the equipment, or type its model and serial, or save as incomplete.",
      equipmentBoth: "You chose equipment from the list: clear model and serial, or choose “Other equipment”.",
      modelRequired: "Enter the model (with the serial number).",
      serialRequired: "Enter the serial number (with the model).",
      dateFormat: "Enter a date as YYYY-MM-DD.",
      warrantyBeforeAcceptance: "The warranty cannot end before the acceptance date.",
      faultRequired: "Describe the fault, or save as incomplete.",
      tooLong: (max: number) => `Keep it under ${max} characters.`,
      overrideReasonRequired: "Say why the category differs from R1's suggestion.",
      areaRequired: "Choose urban or suburban.",
      unknownOption: "Choose one of the options.",
    },
  },

  assign: {
    title: "Assign technician",
    titleReassign: "Re-assign technician",
    submit: "Assign",
    close: "Cancel",
    summary: (voucherNo: string, customer: string, grade: string, area: string) => `*${voucherNo}* · ${customer} · ${grade} · ${area}`,
    deadline: (date: string) => `Arrival deadline: ${date}`,
    current: (name: string) => `Now assigned to ${name}.`,
    technician: "Technician",
    technicianHint: "Most suitable first: covers the area, available, least loaded today (R5).",
    placeholder: "Choose a technician",
    option: (name: string, open: number, visits: number, areas: string) => `${name} · ${open} open · ${visits} visit${visits === 1 ? "" : "s"} today · ${areas}`,
    away: "(away)",
    currentMark: "(current)",
    outsideArea: "does not cover this area",
    skills: (skills: string[]) => `Skills: ${skills.join(", ")}`,
    noTechnicians: ":warning: This branch has no technicians to assign. Ask an admin to add them.",
    moreTechnicians: (count: number) => `${count} more technicians are not listed.`,
    note: "Note for the technician",
    notePlaceholder: "What they should know before calling the customer",
    appointmentStart: "Appointment from",
    appointmentEnd: "Appointment until",
    appointmentHint: "Only when agreed with the customer. The arrival deadline (R6) stays as it is.",
    errors: {
      technicianRequired: "Choose a technician.",
      bothOrNone: "Give both the start and the end of the appointment, or neither.",
      endAfterStart: "The appointment must end after it starts.",
      noteTooLong: (max: number) => `Keep the note under ${max} characters.`,
    },
  },

  schedule: {
    title: "Schedule visit",
    submit: "Save",
    close: "Cancel",
    summary: (voucherNo: string, customer: string) => `*${voucherNo}* · ${customer}`,
    start: "Visit from",
    end: "Visit until",
    hint: "The window agreed with the customer. The arrival deadline (R6) stays as it is.",
    errors: {
      startRequired: "Choose when the visit starts.",
      endRequired: "Choose when the visit ends.",
      endAfterStart: "The visit must end after it starts.",
    },
  },

  cancel: {
    title: "Cancel repair call",
    submit: "Cancel the call",
    close: "Keep it",
    summary: (voucherNo: string, customer: string) => `Cancel *${voucherNo}* for ${customer}? Everyone in the ticket's thread will see the reason.`,
    reason: "Reason",
    placeholder: "For example: the customer fixed it themselves",
    errors: {
      reasonRequired: "Say why the call is cancelled.",
      tooLong: (max: number) => `Keep the reason under ${max} characters.`,
    },
  },

  list: {
    fallback: (title: string, count: number) => `${title}: ${count} ticket${count === 1 ? "" : "s"}`,
    title: {
      open: "Open tickets",
      unassigned: "Unassigned tickets",
      overdue: "Overdue tickets",
      mine: "My tickets",
      incomplete: "Incomplete tickets",
    } satisfies Record<TicketListFilter, string>,
    titleAt: (title: string, branch: string) => `${title} · ${branch}`,
    summary: (count: number) => `${count} ticket${count === 1 ? "" : "s"}, most urgent first (deadline, then customer grade).`,
    empty: {
      open: "No open tickets. :tada:",
      unassigned: "Every ticket has a technician.",
      overdue: "Nothing is overdue.",
      mine: "You have no open tickets.",
      incomplete: "No incomplete calls waiting for a call-back.",
    } satisfies Record<TicketListFilter, string>,
    due: (date: string) => `due ${date}`,
    noDeadline: "no deadline yet",
    overdue: ":red_circle: overdue",
    priority: ":arrow_double_up: priority",
    technician: (name: string) => `tech ${name}`,
    unassigned: "unassigned",
    view: "View",
    more: (count: number) => `…and ${count} more. Narrow it down with a filter: \`open\`, \`unassigned\`, \`overdue\`, \`mine\`, \`incomplete\`.`,
  },

  dm: {
    fallback: (voucherNo: string, customer: string) => `New repair call for you: ${voucherNo} · ${customer}`,
    intro: (voucherNo: string, dispatcher: string | null) => `:wrench: *${voucherNo}* is assigned to you${dispatcher ? ` by ${dispatcher}` : ""}.`,
    reassignedFrom: (name: string) => `It was assigned to ${name} before.`,
    tellCustomerTitle: "*When you call the customer (R5, R10)*",
    chargeable: "This visit is *chargeable* (A paid): quote the fee from the fee schedule (labour + parts + travel, meals, lodging) and agree it *before* starting work.",
    warranty: (until: string) => `This visit is *free*: under warranty until ${until}. Wearing parts are still charged.`,
    contract: (contractNumber: string, until: string) => `Covered by maintenance contract *${contractNumber}* (until ${until}): charged as the contract says.`,
    contractCharges: (charged: string) => ` The contract does not cover ${charged}: agree that fee before work.`,
    internal: "Internal work (D): nothing to charge.",
    notChargeable: (category: string) => `This visit is *not chargeable* (${category}).`,
    agreeAppointment: "Agree an appointment and tell the dispatcher.",
    appointment: (range: string) => `Appointment agreed with the customer: ${range}.`,
    deadline: (date: string) => `You must be on site by ${date} (R6).`,
    note: (note: string) => `*Note from the dispatcher:* ${note}`,
    ticketLink: (link: string) => `<${link}|Open the ticket message>`,
    unassignedFallback: (voucherNo: string) => `${voucherNo} is no longer assigned to you`,
    unassigned: (voucherNo: string, customer: string, newTechnician: string) =>
      `:arrows_counterclockwise: *${voucherNo}* (${customer}) is now assigned to ${newTechnician}. You no longer need to visit; if you already agreed an appointment, tell the dispatcher.`,
  },

  history: {
    registered: (actor: string, when: string) => `${actor} registered the call · ${when}`,
    completedIntake: (actor: string, when: string) => `${actor} completed the intake · ${when}`,
    assigned: (actor: string, technician: string, when: string) => `${actor} assigned ${technician} · ${when}`,
    reassigned: (actor: string, technician: string, previous: string, when: string) => `${actor} re-assigned the call from ${previous} to ${technician} · ${when}`,
    note: (note: string) => ` · note: ${note}`,
    visitScheduled: (actor: string, range: string, when: string) => `${actor} scheduled the visit for ${range} · ${when}`,
    edited: (actor: string, fields: string[], when: string) => `${actor} edited ${fields.length ? fields.join(", ") : "the call"} · ${when}`,
    cancelled: (actor: string, reason: string, when: string) => `${actor} cancelled the call: ${reason} · ${when}`,
    accepted: (actor: string, when: string) => `${actor} accepted the call · ${when}`,
    declined: (actor: string, reason: string, when: string) => `${actor} declined the call: ${reason} · ${when}`,
    arrivedOnTime: (actor: string, when: string) => `${actor} arrived on site, on time (R6) · ${when}`,
    backOnSite: (actor: string, when: string) => `${actor} is back on site for the next visit (R9) · ${when}`,
    arrivedLate: (actor: string, late: string, when: string) => `${actor} arrived on site ${late} late (R6) · ${when}`,
    carriedOver: (actor: string, when: string) => `${actor} carried the call over from an earlier day: it is dispatched first (R8) · ${when}`,
    deadlineMoved: (from: string, to: string, when: string) =>
      `:calendar: The branch's working calendar changed (holidays or opening hours): the arrival deadline moved from ${from} to ${to} (R6) · ${when}`,
  },

  /** R8: the dispatch channel's morning list of calls carried over. */
  carryOver: {
    fallback: (count: number, vouchers: string) => `${count} call${count === 1 ? "" : "s"} carried over to today (R8), dispatch first: ${vouchers}`,
    header: (count: number) => `:arrow_double_up: ${count} call${count === 1 ? "" : "s"} carried over to today`,
    intro: "Registered on an earlier day and still without a technician (R8). They are marked priority and come first in `/repair list unassigned`.",
    item: (voucherNo: string, customer: string, received: string) => `*${voucherNo}* · ${customer} · received ${received}`,
    more: (count: number) => `…and ${count} more: see \`/repair list unassigned\`.`,
  },

  /** R7: the overdue alert in the ticket's thread, the dispatch channel and the directors' DMs. */
  overdue: {
    fallback: (voucherNo: string, customer: string) => `Overdue (R7): ${voucherNo} · ${customer}: the technician has not arrived`,
    alert: (voucherNo: string, customer: string, deadline: string, overdueFor: string) =>
      `:rotating_light: *${voucherNo}* (${customer}) is *overdue* (R7): the technician was due on site by ${deadline} and has not arrived (${overdueFor} late).`,
    technician: (technician: string) => `Technician: ${technician}.`,
    noTechnician: "No technician is assigned.",
    /** Also how late an arrival was (ticket.arrivedLate, history.arrivedLate), so both read alike. */
    duration: (hours: number, minutes: number) => (hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`),
    open: "Waiting for a service director to acknowledge.",
    acknowledged: (who: string, when: string) => `:white_check_mark: Acknowledged by ${who} at ${when}.`,
    acknowledge: "Acknowledge",
  },

  /** `npm run import`: what the person running it reads about moved deadlines (R6). */
  importCli: {
    deadlinesMoved: (count: number) =>
      `${count} open call${count === 1 ? "" : "s"} got a new arrival deadline from the calendar change (R6); the running bot updates ${count === 1 ? "its" : "their"} ticket message${count === 1 ? "" : "s"} and thread${count === 1 ? "" : "s"} within a minute.`,
  },

  /** `npm run job`: what the person running it reads. */
  jobCli: {
    usage: "Usage: npm run job -- <name> [--date YYYY-MM-DD] [--branch CODE]",
    unknownJob: (name: string, known: string[]) => `Unknown job "${name}". Jobs: ${known.join(", ")}.`,
    badDate: (value: string) => `--date expects a date as YYYY-MM-DD, got "${value}".`,
    unknownOption: (option: string) => `Unknown option "${option}".`,
    noBranch: (code: string) => `No branch with the code "${code}".`,
    ran: (period: string, summary: string) => `  ${period}: done (${summary || "nothing to do"})`,
    skipped: (period: string) => `  ${period}: skipped, already claimed by another run`,
    notDue: (period: string) => `  ${period}: not due yet`,
    failed: (period: string, error: string) => `  ${period}: FAILED: ${error}`,
  },

  refusal: {
    forbiddenWho: (roles: string[]) => `Only ${joinList(roles)} can do that.`,
    forbiddenAction: {
      "ticket.register": "register repair calls",
      "ticket.assign": "assign technicians",
      "ticket.edit": "edit repair calls",
      "ticket.cancel": "cancel repair calls",
      "ticket.complete-intake": "complete an intake",
      "ticket.schedule-visit": "schedule the visit",
      "ticket.view": "see this ticket",
      "ticket.accept": "accept this call",
      "ticket.decline": "decline this call",
      "ticket.arrive": "record the arrival",
      "escalation.acknowledge": "acknowledge overdue alerts",
      "invoice.list": "see the invoice requests",
      "invoice.mark": "mark invoices as issued",
      "customer.view-file": "open a customer's file",
      ...complaints.en.forbiddenAction,
      "survey.record": "record customer surveys",
    } as Record<string, string>,
    forbiddenWhoAction: (roles: string[], action: string) => `Only ${joinList(roles)} can ${action}.`,
    askBranch: "Ask your branch's dispatcher or service director.",
    assigneeOnly: (technician: string, action: string) => `Only the assigned technician, ${technician}, can ${action}.`,
    nobodyAssigned: (action: string) => `Nobody is assigned to this call, so nobody can ${action} yet.`,
    notFoundVoucher: (voucherNo: string) => `I could not find ticket ${voucherNo}. Check the number (it looks like SV-2026-000123).`,
    conflictStatus: (what: string, status: string) => `${what} is ${status}, so that cannot be done now.`,
    conflictIncomplete: (what: string, fields: string[]) => `${what} is incomplete${fields.length ? ` (missing ${fields.join(", ")})` : ""}: complete the intake first (R3).`,
    thisTicket: "This ticket",
    warrantyUnknown: (what: string) =>
      `${what} cannot be dispatched as paid work yet: the equipment's warranty is unknown. Press *Edit* and set the warranty end, or keep category A with a reason to confirm it (R1).`,
    custodyOpen: (what: string, receipt: string | undefined) =>
      `An item of ${what}${receipt ? ` (custody receipt ${receipt})` : ""} is still in the workshop: return it to the customer first (Return to customer), then the call can end (R11).`,
    alreadyAcknowledged: (who: string, when: string) => `This alert was already acknowledged by ${who} at ${when}.`,
    /** A button pressed on a final call, answered before any modal opens. */
    alreadyClosed: (voucherNo: string, who: string, when: string) => `${voucherNo} was already closed by ${who} at ${when}; there is nothing more to do on it.`,
    alreadyCancelled: (voucherNo: string, who: string, when: string) => `${voucherNo} was cancelled by ${who} at ${when}; there is nothing more to do on it.`,
    someone: "someone",
    alreadyResolved: (when: string) => `This alert resolved by itself at ${when}: its cause has ended, nothing is left to acknowledge.`,
    validationFields: (fields: string[]) => `Please check: ${fields.join(", ")}.`,
    failure: "Sorry, that failed. It was logged for the team, and nothing was changed. Please try again.",
    noOptions: "Nothing to choose from here",
    unknownButton: "That button no longer does anything (it may be on an old message). `/repair help` shows what you can do.",
  },

  errors: {
    NOT_REGISTERED: "You are not registered with the service desk. Ask an admin to add you.",
    FORBIDDEN: "You are not allowed to do that.",
    NOT_FOUND: "I could not find that.",
    VALIDATION: "Some of what you entered is not valid.",
    CONFLICT: "Someone changed this at the same time. Please try again.",
    ALREADY_DONE: "That was already done.",
    SLACK_UNAVAILABLE: "Slack did not answer in time. Nothing was changed; please try again.",
    INTERNAL: "Something went wrong on our side and it was logged. Nothing was changed; please try again.",
  } satisfies Record<ErrorCode, string>,
  forbiddenWho: (roles: string[]) => `Only ${roles.join(", ")} can do that.`,

  /** The modal that replaces a submitted one when the change was refused or failed. */
  notice: {
    title: "Service desk",
    close: "Close",
  },

  /** Shown in a modal while what it needs is read, when that takes longer than a moment (the desk is busy). */
  loading: {
    text: ":hourglass_flowing_sand: Loading… the service desk is busy right now; this takes a few seconds.",
    close: "Cancel",
  },

  /** A form the database could not save within Slack's 3 seconds: acknowledged at once, the outcome told by DM. */
  slowSave: {
    saving: ":hourglass_flowing_sand: Saving… the database is slow right now. I will send you a message when it is done; there is no need to submit again.",
    saved: (what: string) => `:white_check_mark: Your ${what} was saved.`,
    notSaved: (what: string, why: string) => `:warning: Your ${what} was not saved: ${why}`,
    forms: {
      intake: "repair call",
      assign: "assignment",
      schedule: "visit",
      cancel: "cancellation",
      decline: "decline",
      "report-work": "work report",
      close: "closing of the call",
      borrow: "parts loan",
      "parts-return": "parts return",
      "custody-return": "return of the item to the customer",
      "daily-report": "daily work report",
      "cannot-finish": "notice that the work cannot be finished on time",
      complaint: "complaint",
      "complaint-step": "complaint record",
      survey: "survey",
    } as Record<string, string>,
  },

  /** What a service's field problem (a key, per field) means, shown on the field. */
  serviceFieldErrors: {
    required: "This is needed.",
    invalid: "This is not valid.",
    "before-acceptance-date": "The warranty cannot end before the acceptance date.",
    "in-future": "The customer cannot have called in the future: choose the time of the call, or now.",
    "too-long-ago": `A call registered here is at most ${MAX_CALLED_AT_DAYS_BACK} days old: check the date of the call.`,
    "not-found": "I could not find this; choose it again.",
    "no-branch": "You belong to no branch yet, so a new customer cannot be placed. Ask an admin.",
    "other-branch": "This belongs to another branch.",
    "other-customer": "This serial number belongs to another customer's equipment.",
    "not-a-technician": "Choose an active technician of this branch.",
    "end-before-start": "The end must be after the start.",
  } as Record<string, string>,
};

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export type Messages = typeof en;

const catalogues: Partial<Record<Locale, Messages>> = { en, ko, "zh-CN": zhCN };

/** The catalogue for `locale`, else for the reader the running code writes for (see src/i18n/locale.ts). */
export function messagesFor(locale: Locale = currentLocale()): Messages {
  return catalogues[locale] ?? en;
}

// en-XA: the tests' pseudo-locale, derived from English (src/i18n/pseudo.ts).
catalogues[PSEUDO_LOCALE] = pseudoCatalogue(en);

/** The locales with a catalogue of their own (the others fall back to English). */
export function registeredLocales(): Locale[] {
  return Object.keys(catalogues) as Locale[];
}
