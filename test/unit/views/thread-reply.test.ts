import { buildResolvedHistory, buildThreadAnswer, REACTION_DONE, REACTION_NOTE } from "../../../src/views/thread-reply";
import type { ThreadLineOutcome } from "../../../src/services/tickets/thread-replies";

function handled(outcomes: ThreadLineOutcome[]) {
  return { kind: "handled" as const, ticketId: 1, voucherNo: "SV-2026-000001", timeZone: "Asia/Seoul", outcomes, stateChanged: false, dm: null };
}

describe("buildThreadAnswer", () => {
  it("reacts once per kind for understood lines and says nothing else", () => {
    const answer = buildThreadAnswer(
      handled([
        { kind: "hours-logged", workLogId: 1, hours: 1.5, category: "C_WARRANTY", workDate: "2026-11-23" },
        { kind: "part-booked", partNo: "P-1001", name: "Relay", quantity: 1, fromLoans: 0 },
        { kind: "noted", noteId: 1 },
        { kind: "noted", noteId: 2 },
      ]),
    );
    expect(answer).toEqual({ reactions: [REACTION_DONE, REACTION_NOTE], replies: [], ephemerals: [] });
  });

  it("answers malformed lines in the thread with what the bot understands, quoting the line without backticks", () => {
    const answer = buildThreadAnswer(handled([{ kind: "malformed", command: "hours", reason: "hours-out-of-range", line: "hours `40`" }]));
    expect(answer.reactions).toEqual([]);
    expect(answer.replies).toHaveLength(1);
    expect(answer.replies[0]).toContain("`hours '40'`: hours must be more than 0 and at most 16");
    expect(answer.replies[0]).toContain("I understand one command per line");
  });

  it("R14/R10: a stock shortfall gives the quantity left; a missing signature says how to give it; a paid call points to Report work", () => {
    const answer = buildThreadAnswer(handled([{ kind: "not-enough-stock", partNo: "P-1001", requested: 5, available: 2 }, { kind: "needs-signature" }, { kind: "paid-call" }, { kind: "needs-hours" }]));
    expect(answer.replies[0]).toContain("you asked for 5, 2 left");
    expect(answer.replies[0]).toContain("`done signed <customer name>`");
    expect(answer.replies[0]).toContain("use Report work (fee and settlement, R10)");
    expect(answer.replies[0]).toContain("R13: every visit records its hours");
  });

  it("R9: refusals are private: a stranger, and a field command from someone who is not the assignee", () => {
    expect(buildThreadAnswer({ kind: "stranger", ticketId: 1 })).toEqual({ reactions: [], replies: [], ephemerals: [expect.stringContaining("Only the call's technician")] });
    const answer = buildThreadAnswer(handled([{ kind: "not-assignee", command: "done", assignee: { staffId: 2, slackUserId: "U0TECH1", name: "Kim" } }]));
    expect(answer.ephemerals).toEqual(["Only the assigned technician, <@U0TECH1>, can use `done` on this call."]);
    expect(answer.replies).toEqual([]);
  });

  it("says nothing for a duplicate delivery or a thread that is no ticket's", () => {
    expect(buildThreadAnswer({ kind: "duplicate", ticketId: 1 })).toEqual({ reactions: [], replies: [], ephemerals: [] });
    expect(buildThreadAnswer({ kind: "not-a-ticket" })).toEqual({ reactions: [], replies: [], ephemerals: [] });
    expect(buildThreadAnswer(handled([{ kind: "duplicate" }]))).toEqual({ reactions: [], replies: [], ephemerals: [] });
  });
});

describe("buildResolvedHistory", () => {
  it("R10: names who signed for the customer, escaped, with the report's hours and part lines", () => {
    const text = buildResolvedHistory({ actor: { staffId: 2, slackUserId: "U0TECH1", name: "Kim" }, signedBy: "Lee <Jiwon>", hours: 1.5, partLines: 2, at: new Date("2026-11-23T04:00:00Z"), timeZone: "Asia/Seoul" });
    expect(text).toContain("<@U0TECH1> fixed the call on site");
    expect(text).toContain("signed for the customer by Lee &lt;Jiwon&gt;");
    expect(text).toContain("1.5 h and 2 part line(s)");
  });
});
