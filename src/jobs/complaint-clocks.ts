// R21: every minute, the complaint clocks: a warning before a complaint's first response (24 hours)
// or resolution (one month) is due, an escalation to the branch's directors when one is missed, and
// the climb to the managers of a complaint escalation nobody acknowledged in ESCALATE_AFTER_MINUTES
// working minutes. Each change queues its DMs and thread lines with it; the outbox delivers them.
import { DEFAULT_COMPLAINT_CLOCKS, scanComplaintClocks } from "../services/complaints/scan-clocks";
import { everyMinute } from "./periods";
import type { Job } from "./types";

const NAME = "complaint-clocks";
const ACTOR = `system:${NAME}`;

export const complaintClocksJob: Job = {
  name: NAME,
  ...everyMinute(NAME),
  async run({ deps }) {
    const settings = {
      responseWarningMinutes: deps.settings.complaintResponseWarningMinutes ?? DEFAULT_COMPLAINT_CLOCKS.responseWarningMinutes,
      resolutionWarningMinutes: deps.settings.complaintResolutionWarningMinutes ?? DEFAULT_COMPLAINT_CLOCKS.resolutionWarningMinutes,
      escalateAfterMinutes: deps.settings.escalateAfterMinutes,
    };
    return scanComplaintClocks(deps, { actor: ACTOR, settings });
  },
};
