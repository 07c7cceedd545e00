// Who may do what, as data. Handlers ask `can` before calling a service; a refusal names
// the roles that may (`rolesAllowed`) so the user knows whom to ask.

export const ROLES = ["DISPATCHER", "TECHNICIAN", "DIRECTOR", "MANAGER", "PARTS_CLERK", "ACCOUNTANT", "SURVEYOR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  "ticket.register",
  "ticket.view",
  "ticket.edit",
  "ticket.assign",
  "ticket.cancel",
  "ticket.complete-intake",
  /** R5: the appointment agreed with the customer, by the desk or the technician on the call. */
  "ticket.schedule-visit",
  "ticket.accept",
  "ticket.decline",
  "ticket.arrive",
  "ticket.report-work",
  "ticket.close",
  "ticket.cannot-finish",
  "escalation.acknowledge",
  "report.sign-off",
  "report.view-branch",
  "parts.manage",
  "parts.borrow",
  "custody.view",
  "custody.update",
  "custody.return",
  "daily-report.submit",
  /** R10: the invoice requests of paid work, and marking one invoiced. */
  "invoice.list",
  "invoice.mark",
  /** R21: register a complaint or suggestion; assign its handler; record its response, outcome, telling and closing. */
  "complaint.register",
  "complaint.assign",
  "complaint.record",
  "admin.import",
  "admin.view-job-runs",
  /** Queue again a Slack post the outbox gave up on. */
  "admin.resend-slack",
  /** R23: the customer's file (grade, equipment, contracts, calls, surveys, complaints). */
  "customer.view-file",
  /** R19: record a customer's answers to the survey of a closed call. */
  "survey.record",
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * any: wherever the target is. branch: the target is in the person's branch.
 * assignee: the target ticket is assigned to the person (even one lent to another branch).
 */
export type Scope = "any" | "branch" | "assignee" | "branch-or-assignee";

export interface Actor {
  id: number;
  branchId: number;
  roles: readonly Role[];
  active: boolean;
}

export interface Target {
  branchId: number;
  assignedTechnicianId?: number | null;
}

// Scope is per role because one action differs by role: a technician closes their own
// tickets, a director any ticket of the branch.
const deskWork = { DISPATCHER: "branch", DIRECTOR: "branch" } as const;
const fieldWork = { TECHNICIAN: "assignee" } as const;
const fieldWorkOrDirector = { TECHNICIAN: "assignee", DIRECTOR: "branch" } as const;

export const GRANTS: Readonly<Record<Action, Readonly<Partial<Record<Role, Scope>>>>> = {
  "ticket.register": deskWork,
  "ticket.view": {
    DISPATCHER: "branch",
    TECHNICIAN: "branch-or-assignee",
    DIRECTOR: "branch",
    MANAGER: "any",
    PARTS_CLERK: "branch",
  },
  "ticket.edit": deskWork,
  "ticket.assign": deskWork,
  "ticket.cancel": deskWork,
  "ticket.complete-intake": deskWork,
  "ticket.schedule-visit": { ...deskWork, ...fieldWork },
  "ticket.accept": fieldWork,
  "ticket.decline": fieldWork,
  "ticket.arrive": fieldWork,
  "ticket.report-work": fieldWorkOrDirector,
  "ticket.close": fieldWorkOrDirector,
  "ticket.cannot-finish": fieldWork,
  // Managers (general manager, deputies) oversee every branch, and R7 escalates to them
  // when the branch director does not react, so any branch is theirs to acknowledge.
  "escalation.acknowledge": { DIRECTOR: "branch", MANAGER: "any" },
  "report.sign-off": { MANAGER: "any" },
  "report.view-branch": { DIRECTOR: "branch", MANAGER: "any" },
  // Company-wide actions: callers need not pass a target.
  "parts.manage": { PARTS_CLERK: "any" },
  "parts.borrow": { TECHNICIAN: "any" },
  // R11: the workshop register of a branch; the item goes back by its technician or the desk.
  "custody.view": { DISPATCHER: "branch", TECHNICIAN: "branch", DIRECTOR: "branch", PARTS_CLERK: "branch", MANAGER: "any" },
  "custody.update": { TECHNICIAN: "branch", DIRECTOR: "branch", DISPATCHER: "branch" },
  "custody.return": { TECHNICIAN: "assignee", DISPATCHER: "branch", DIRECTOR: "branch" },
  "daily-report.submit": { TECHNICIAN: "any" },
  // The accountants serve every branch; a director follows their own branch's requests.
  "invoice.list": { ACCOUNTANT: "any", DIRECTOR: "branch", MANAGER: "any" },
  "invoice.mark": { ACCOUNTANT: "any" },
  // R21: the desk and the directors register complaints; a director handles them or assigns someone,
  // and the managers oversee every branch. Handlers (any staff member assigned) record too: see the service.
  "complaint.register": { DISPATCHER: "branch", DIRECTOR: "branch", MANAGER: "any" },
  "complaint.assign": { DIRECTOR: "branch", MANAGER: "any" },
  "complaint.record": { DIRECTOR: "branch", MANAGER: "any" },
  "admin.import": { ADMIN: "any" },
  "admin.view-job-runs": { ADMIN: "any" },
  "admin.resend-slack": { ADMIN: "any" },
  // R23: the people who deal with customers. The desk and the director take their branch's calls
  // (a call is registered in the customer's branch); managers oversee every branch. Technicians
  // see their calls on the ticket, not the file: it holds colleagues' complaints and ratings (R22).
  "customer.view-file": { DISPATCHER: "branch", DIRECTOR: "branch", MANAGER: "any" },
  // R19: the branch's surveyors telephone the customers; its desk and directors may too.
  "survey.record": { SURVEYOR: "branch", DISPATCHER: "branch", DIRECTOR: "branch" },
};

function inScope(scope: Scope, actor: Actor, target: Target | undefined): boolean {
  if (scope === "any") return true;
  // A scoped action without a target is refused rather than guessed.
  if (!target) return false;
  const sameBranch = target.branchId === actor.branchId;
  const assignee = target.assignedTechnicianId != null && target.assignedTechnicianId === actor.id;
  switch (scope) {
    case "branch":
      return sameBranch;
    case "assignee":
      return assignee;
    case "branch-or-assignee":
      return sameBranch || assignee;
  }
}

/**
 * R17: a sign-off is a manager's word on a director's report, not a setup task, so an admin signs
 * only when they are also a manager.
 */
const NOT_FOR_ADMIN_ALONE: ReadonlySet<Action> = new Set<Action>(["report.sign-off"]);

/** Inactive staff can do nothing; ADMIN can do everything (but NOT_FOR_ADMIN_ALONE); otherwise GRANTS decides. */
export function can(actor: Actor, action: Action, target?: Target): boolean {
  if (!actor.active) return false;
  if (actor.roles.includes("ADMIN") && !NOT_FOR_ADMIN_ALONE.has(action)) return true;
  const grant = GRANTS[action];
  if (!grant) return false;
  return actor.roles.some((role) => {
    const scope = grant[role];
    return scope !== undefined && inScope(scope, actor, target);
  });
}

/**
 * The roles the table grants `action` to, for "ask a director" messages. ADMIN, who may do
 * everything, is listed only where nobody else may.
 */
export function rolesAllowed(action: Action): Role[] {
  const grant = GRANTS[action] ?? {};
  return ROLES.filter((role) => grant[role] !== undefined);
}

export type SignOffRefusal = "not-a-manager" | "own-report";

/**
 * R17: a branch director's daily report is signed off by a manager who is someone else — a person
 * who is both director and manager of the branch cannot sign off the branch's report.
 */
export function signOffRefusal(actor: Actor, report: Target): SignOffRefusal | null {
  if (!can(actor, "report.sign-off", report)) return "not-a-manager";
  if (actor.roles.includes("DIRECTOR") && actor.branchId === report.branchId) return "own-report";
  return null;
}
