// R17: a manager's Sign off on the directors' daily summary (support/sign-off.ts).
import { buildDirectorSummaryMessage } from "../../views/director-summary";
import { messagesFor } from "../../views/messages";
import { signOffButton } from "../support/sign-off";
import type { HandlerDeps } from "../types";

export function signOffReportButton(deps: HandlerDeps) {
  return signOffButton(deps, {
    action: "report.sign-off",
    what: "daily summary",
    texts: () => messagesFor().directorSummary.summary,
    signOff: (actor, reportId) => deps.services.signOffDirectorReport({ actor, reportId }),
    render: (report, state) => buildDirectorSummaryMessage({ reportId: report.id, summary: report.figures, state }),
  });
}
