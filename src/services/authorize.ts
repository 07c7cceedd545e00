import type { Action, Target } from "../domain/permissions";
import type { Actor } from "./staff/resolve-actor";
import { assertCan, assertRoleFor } from "./tickets/authorize";

/**
 * For listeners that must refuse before showing a form: with a target, the full check; without,
 * whether the person holds a role that may do it somewhere (the service checks the target later).
 */
export function authorize(actor: Actor, action: Action, target?: Target): void {
  if (target) assertCan(actor, action, target);
  else assertRoleFor(actor, action);
}
