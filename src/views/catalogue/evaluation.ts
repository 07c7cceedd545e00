// English text for the technicians' monthly evaluation (see ../messages.ts: one catalogue per
// language, split by feature): R20 survey coverage and satisfaction, R6 arrivals on time, hours
// per category, R22 complaint levels, the manager's sign-off and `/repair evaluation`.
import type { ComplaintLevel } from "../../domain/complaint-levels";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const en = {
  fallback: (branch: string, month: string) => `Monthly evaluation for ${branch}, ${month} (R20)`,
  header: (branch: string, month: string) => `Monthly evaluation: ${branch}, ${month}`,
  headerOne: (name: string, month: string) => `Monthly evaluation: ${name}, ${month}`,
  targets: (coverage: string, satisfaction: string, onTime: string, windowMonths: number, windowEnd: string) =>
    `Targets: surveys answered ${coverage} of calls closed, overall and inside warranty (R20) · satisfied ${satisfaction} on each item (R20) · arrivals within the deadline ${onTime} (R6). ` +
    `✓ met · ✗ missed · – nothing to count. R22 counts substantiated complaints over the ${windowMonths} months to ${windowEnd}.`,
  overview: (technicians: number, allMet: number, flagged: number) =>
    `*${plural(technicians, "technician", "technicians")}* · ${allMet} met every target · ${flagged} flagged under R22`,
  noTechnicians: "No technicians worked at this branch that month.",
  technicianLine: (p: {
    who: string;
    left: boolean;
    closed: number;
    coverage: string;
    warranty: string;
    satisfaction: string;
    items: string;
    onTime: string;
    hours: string;
    complaints: string;
    level: string | null;
  }) =>
    `${p.who}${p.left ? " (left)" : ""} · calls closed ${p.closed} · surveys ${p.coverage} · warranty ${p.warranty} · satisfied ${p.satisfaction} (${p.items}) · on time ${p.onTime} · hours ${p.hours} · complaints ${p.complaints}${p.level ? ` · ${p.level}` : ""}`,
  share: (count: number, of: number, percent: string, mark: string) => `${count}/${of} ${percent} ${mark}`,
  noShare: "–",
  itemShare: (label: string, percent: string, mark: string) => `${label} ${percent} ${mark}`,
  itemLabels: { attitude: "attitude", skill: "skill", arrivalTime: "arrival time", promiseKeeping: "promises kept" },
  hours: (a: string, b: string, c: string, d: string, total: string) => `A ${a} · B ${b} · C ${c} · D ${d} = ${total}`,
  complaints: (received: number, substantiated: number) => `${received} (substantiated ${substantiated})`,
  levels: {
    WARNING: ":warning: *R22: first warning*",
    PENALTY: ":warning: *R22: penalty*",
    DISMISSAL_REVIEW: ":rotating_light: *R22: dismissal review*",
  } satisfies Record<ComplaintLevel, string>,
  more: (count: number) => `…and ${plural(count, "more technician", "more technicians")}.`,
  signOff: "Sign off",
  awaiting: "Awaiting a manager's sign-off (R20).",
  signedOff: (who: string, when: string) => `Signed off by ${who} at ${when}.`,
  notPosted: "Computed now; this month's evaluation has not been posted.",
  postedAwaiting: "Computed now; the posted evaluation awaits a manager's sign-off.",
  alreadySignedOff: (who: string, when: string) => `This evaluation was already signed off by ${who} at ${when}.`,
  signOffRefused: "Only managers can sign off the monthly evaluation (R20).",
  signOffOwnReport: "You are this branch's director, so its monthly evaluation needs another manager's sign-off.",
  refused: "Only service directors and managers can see the monthly evaluation.",
  otherBranch: "That technician works at another branch: directors see their own branch's evaluation, managers every branch's.",
  badMonth: (text: string) => `"${text}" is not a month: use YYYY-MM, for example \`/repair evaluation 2026-10\`.`,
  unknownTechnician: (text: string) => `No technician matches "${text}": mention them (\`@name\`) or type their name as in the staff list.`,
  ambiguousTechnician: (text: string) => `Several technicians match "${text}": mention the one you mean.`,
  noBranch: "You are not on a branch's staff list, so there is no branch to evaluate.",
  usage: "Usage: `/repair evaluation [YYYY-MM] [@technician]` (the previous month by default).",
};
