// R7/R12: the roles escalations need that nobody active holds, as one context block for admins
// (`/repair jobs` and App Home); nothing when every role is filled.
import type { KnownBlock } from "@slack/types";
import type { MissingRoles } from "../services/staff/missing-roles";
import { safeText, truncate } from "./format";
import { messagesFor, type Locale } from "./messages";

export function missingRolesBlocks(missing: MissingRoles | null | undefined, blockId: string, locale?: Locale): KnownBlock[] {
  if (!missing) return [];
  const m = messagesFor(locale).escalations.missingRoles;
  const lines: string[] = [];
  if (missing.noManager) lines.push(m.noManager);
  if (missing.branchesWithoutDirector.length) {
    lines.push(m.noDirector(missing.branchesWithoutDirector.map((b) => m.branch(safeText(b.code, 30), safeText(b.name, 80))).join(", ")));
  }
  if (!lines.length) return [];
  return [{ type: "section", block_id: blockId, text: { type: "mrkdwn", text: truncate(lines.join("\n"), 3000) } }];
}
