// What every listener needs to act for a person: who they are, in the rules' terms.
import type { Actor } from "../../services/staff/resolve-actor";
import type { HandlerDeps } from "../types";

export async function actorFor(deps: HandlerDeps, slackUserId: string): Promise<Actor> {
  return deps.services.resolveActor(slackUserId);
}
