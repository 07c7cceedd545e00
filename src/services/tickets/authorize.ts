// The bridge between the person acting (services/staff/resolve-actor.ts) and the permission table
// (domain/permissions.ts), with the refusal every use case throws.
import { can, rolesAllowed, type Action, type Actor as PermissionActor, type Target } from "../../domain/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../staff/resolve-actor";

/** Someone without a staff record (an admin before any import) has no id and no branch; -1 matches nothing. */
export function permissionActor(actor: Actor): PermissionActor {
  return { id: actor.staffId ?? -1, branchId: actor.branchId ?? -1, roles: actor.roles, active: actor.active };
}

export function forbidden(action: Action, roles = rolesAllowed(action)): AppError {
  return new AppError("FORBIDDEN", { message: `not allowed: ${action}`, details: { action, rolesAllowed: roles } });
}

export function assertCan(actor: Actor, action: Action, target?: Target): void {
  if (!can(permissionActor(actor), action, target)) throw forbidden(action);
}

/**
 * Whether the actor holds a role that may do `action` somewhere, before the target is known;
 * the target is checked with `assertCan` once it is read.
 */
export function assertRoleFor(actor: Actor, action: Action): void {
  const allowed = actor.active && (actor.roles.includes("ADMIN") || actor.roles.some((role) => rolesAllowed(action).includes(role)));
  if (!allowed) throw forbidden(action);
}

/** Changes that name their author (Assignment.assignedById) need a staff record. */
export function requireStaffId(actor: Actor): number {
  if (actor.staffId === null) {
    throw new AppError("NOT_REGISTERED", { message: "this change needs a staff record", details: { slackUserId: actor.slackUserId } });
  }
  return actor.staffId;
}

/** The audit row's author fields. */
export function auditActor(actor: Actor): { actor: string; actorStaffId: number | null } {
  return { actor: actor.slackUserId, actorStaffId: actor.staffId };
}

/**
 * R9: the technician's own actions (accept, decline, arrive) belong to the call's assignee.
 * The refusal names them (details.assigneeSlackUserId; null when nobody is assigned).
 */
export function assertAssignee(
  actor: Actor,
  action: "ticket.accept" | "ticket.decline" | "ticket.arrive",
  target: { branchId: number; assignee: { staffId: number; slackUserId: string } | null },
): void {
  if (can(permissionActor(actor), action, { branchId: target.branchId, assignedTechnicianId: target.assignee?.staffId ?? null })) return;
  throw new AppError("FORBIDDEN", {
    message: `not allowed: ${action}`,
    details: { action, rolesAllowed: rolesAllowed(action), assigneeSlackUserId: target.assignee?.slackUserId ?? null },
  });
}
