import type { ModalView } from "@slack/types";
import { AppError } from "../../../src/errors";
import { BUSY_LOADS, openModal, OPEN_BUDGET_MS, type ModalContent, type OpenModalOptions, type ViewsClient } from "../../../src/handlers/support/open-modal";
import type { PrivateReply } from "../../../src/handlers/support/failures";
import type { Log } from "../../../src/logger";
import { runInRequest } from "../../../src/observability/request-context";
import { VIEWS } from "../../../src/views/ids";
import { buildLoadingModal } from "../../../src/views/loading-modal";
import { messagesFor } from "../../../src/views/messages";
import { buildNoticeModal } from "../../../src/views/notice-modal";
import { buildRefusal } from "../../../src/views/refusal";

const BUDGET_MS = 50;

const fullView: ModalView = {
  type: "modal",
  callback_id: VIEWS.assign,
  title: { type: "plain_text", text: "Assign technician" },
  submit: { type: "plain_text", text: "Assign" },
  blocks: [{ type: "section", text: { type: "mrkdwn", text: "SV-2026-000001" } }],
};

interface Call {
  method: "views.open" | "views.update";
  args: { trigger_id?: string; view_id?: string; hash?: string; view: ModalView };
  at: number;
}

/** Slack's views methods as the module uses them; views.update can be told to fail like Slack. */
function fakeSlack() {
  const calls: Call[] = [];
  const started = Date.now();
  let updateError: string | undefined;
  const client = {
    views: {
      open: async (args: Call["args"]) => {
        calls.push({ method: "views.open", args, at: Date.now() - started });
        return { ok: true, view: { id: "V0LOADING", hash: "1700000000.abcd" } };
      },
      update: async (args: Call["args"]) => {
        calls.push({ method: "views.update", args, at: Date.now() - started });
        if (updateError) throw Object.assign(new Error(`An API error occurred: ${updateError}`), { code: "slack_webapi_platform_error", data: { ok: false, error: updateError } });
        return { ok: true, view: { id: args.view_id, hash: "1700000001.ef01" } };
      },
    },
  };
  return {
    calls,
    client: client as unknown as ViewsClient,
    failUpdatesWith(error: string) {
      updateError = error;
    },
  };
}

function recordingLog() {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  const log: Log = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { log, lines };
}

function setup() {
  const slack = fakeSlack();
  const { log, lines } = recordingLog();
  const told: PrivateReply[] = [];
  const options: OpenModalOptions = {
    client: slack.client,
    triggerId: "10001.12345.abcdef",
    modal: "assign",
    tell: async (reply) => void told.push(reply),
    log,
    context: { action: "ticket.assign", user: "U0DISP" },
    budgetMs: BUDGET_MS,
  };
  return { slack, lines, told, options };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("openModal", () => {
  it("keeps the budget well inside the trigger's 3 s", () => {
    expect(OPEN_BUDGET_MS).toBeGreaterThan(0);
    expect(OPEN_BUDGET_MS).toBeLessThanOrEqual(1_500);
  });

  it("opens the full modal directly, in one views.open, when the reads end within the budget", async () => {
    const { slack, told, options } = setup();

    await openModal(options, async () => ({ view: fullView }));

    expect(slack.calls).toEqual([{ method: "views.open", args: { trigger_id: options.triggerId, view: fullView }, at: expect.any(Number) }]);
    expect(told).toEqual([]);
  });

  it("tells a quick refusal privately, as before, and opens nothing", async () => {
    const { slack, told, options } = setup();
    const refusal = buildRefusal({ code: "CONFLICT", details: { reason: "warranty-unknown", voucherNo: "SV-2026-000001" } });

    await openModal(options, async () => ({ reply: refusal }));
    await openModal(options, async () => {
      throw new AppError("NOT_REGISTERED");
    });

    expect(slack.calls).toEqual([]);
    expect(told).toEqual([refusal, { text: messagesFor().errors.NOT_REGISTERED }]);
  });

  it("opens the loading modal once the budget is spent, while the reads still wait, then updates it with the full modal and the hash", async () => {
    const { slack, told, lines, options } = setup();
    const reads = deferred<ModalContent>();

    const opening = openModal(options, () => reads.promise);
    await sleep(BUDGET_MS + 30);
    // The reads have not ended (as if waiting for a pool connection), yet the trigger is used.
    expect(slack.calls).toEqual([{ method: "views.open", args: { trigger_id: options.triggerId, view: buildLoadingModal({ modal: "assign" }) }, at: expect.any(Number) }]);
    expect(slack.calls[0].at).toBeGreaterThanOrEqual(BUDGET_MS - 5);
    reads.resolve({ view: fullView });
    await opening;

    expect(slack.calls.map((call) => call.method)).toEqual(["views.open", "views.update"]);
    expect(slack.calls[1].args).toEqual({ view_id: "V0LOADING", hash: "1700000000.abcd", view: fullView });
    expect(told).toEqual([]);
    expect(lines.filter((line) => line.level === "warn" || line.level === "error")).toEqual([]);
  });

  it("counts the budget from the request's arrival: a listener that started late opens the loading modal at once", async () => {
    const { slack, options } = setup();
    const reads = deferred<ModalContent>();

    const opening = runInRequest({ requestId: "r1", receivedAt: performance.now() - 2_000 }, () => openModal({ ...options, budgetMs: 1_000 }, () => reads.promise));
    await sleep(20);
    expect(slack.calls.map((call) => call.args.view)).toEqual([buildLoadingModal({ modal: "assign" })]);
    reads.resolve({ view: fullView });
    await opening;
    expect(slack.calls.map((call) => call.method)).toEqual(["views.open", "views.update"]);
  });

  it("opens the loading modal at once while an earlier click's reads are still late (the database is busy), and waits the budget again once they end", async () => {
    const first = setup();
    const firstReads = deferred<ModalContent>();
    const firstOpening = openModal(first.options, () => firstReads.promise);
    await sleep(BUDGET_MS + 30);

    const second = setup();
    const secondReads = deferred<ModalContent>();
    const secondOpening = openModal({ ...second.options, budgetMs: 5_000 }, () => secondReads.promise);
    await sleep(20);
    expect(second.slack.calls.map((call) => call.args.view)).toEqual([buildLoadingModal({ modal: "assign" })]);
    firstReads.resolve({ view: fullView });
    secondReads.resolve({ view: fullView });
    await Promise.all([firstOpening, secondOpening]);

    const third = setup();
    await openModal({ ...third.options, budgetMs: 5_000 }, async () => {
      await sleep(20);
      return { view: fullView };
    });
    expect(third.slack.calls.map((call) => call.args.view)).toEqual([fullView]);
  });

  it("opens the loading modal at once when as many reads run as the database has connections", async () => {
    const running = Array.from({ length: BUSY_LOADS }, () => ({ ...setup(), reads: deferred<ModalContent>() }));
    const openings = running.map(({ options, reads }) => openModal({ ...options, budgetMs: 5_000 }, () => reads.promise));
    const next = setup();
    const nextReads = deferred<ModalContent>();
    const nextOpening = openModal({ ...next.options, budgetMs: 5_000 }, () => nextReads.promise);
    await sleep(20);

    expect(running.flatMap(({ slack }) => slack.calls)).toEqual([]);
    expect(next.slack.calls.map((call) => call.args.view)).toEqual([buildLoadingModal({ modal: "assign" })]);
    for (const { reads } of running) reads.resolve({ view: fullView });
    nextReads.resolve({ view: fullView });
    await Promise.all([...openings, nextOpening]);
    expect(running.map(({ slack }) => slack.calls.map((call) => call.method))).toEqual(running.map(() => ["views.open"]));
  });

  it("shows a refusal found after the budget in the loading modal, in the words of the private refusal", async () => {
    const { slack, told, options } = setup();
    const forbidden = new AppError("FORBIDDEN", { details: { action: "ticket.assign", rolesAllowed: ["DISPATCHER", "MANAGER"] } });

    await openModal(options, async () => {
      await sleep(BUDGET_MS * 3);
      throw forbidden;
    });

    expect(slack.calls.map((call) => call.method)).toEqual(["views.open", "views.update"]);
    const text = buildRefusal({ code: "FORBIDDEN", details: forbidden.details }).text;
    expect(slack.calls[1].args).toEqual({ view_id: "V0LOADING", hash: "1700000000.abcd", view: buildNoticeModal({ text }) });
    expect(told).toEqual([]);
  });

  it("shows a failure after the budget as the failure notice, and logs it as an error", async () => {
    const { slack, lines, options } = setup();

    await openModal(options, async () => {
      await sleep(BUDGET_MS * 2);
      throw new Error("connection terminated");
    });

    expect(slack.calls[1].args.view).toEqual(buildNoticeModal({ text: messagesFor().refusal.failure }));
    expect(lines).toContainEqual(expect.objectContaining({ level: "error", message: "request failed" }));
  });

  it("logs and drops the content when the person closed the loading modal meanwhile (views.update: not_found)", async () => {
    const { slack, told, lines, options } = setup();
    slack.failUpdatesWith("not_found");

    await expect(
      openModal(options, async () => {
        await sleep(BUDGET_MS * 2);
        return { view: fullView };
      }),
    ).resolves.toBeUndefined();

    expect(slack.calls.map((call) => call.method)).toEqual(["views.open", "views.update"]);
    expect(told).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ level: "info", message: expect.stringContaining("dropped"), fields: expect.objectContaining({ code: "not_found" }) }));
  });

  it("does not leave the modal loading when Slack refuses the full view: the failure notice replaces it", async () => {
    const { slack, options } = setup();
    slack.failUpdatesWith("invalid_arguments");

    await openModal(options, async () => {
      await sleep(BUDGET_MS * 2);
      return { view: fullView };
    });

    expect(slack.calls.map((call) => call.method)).toEqual(["views.open", "views.update", "views.update"]);
    expect(slack.calls[2].args).toEqual({ view_id: "V0LOADING", hash: "1700000000.abcd", view: buildNoticeModal({ text: messagesFor().refusal.failure }) });
  });
});

describe("buildLoadingModal", () => {
  it("has the modal's title and callback_id, and nothing to submit", () => {
    const view = buildLoadingModal({ modal: "assign" });

    expect(view).toMatchObject({ type: "modal", callback_id: VIEWS.assign, title: { type: "plain_text", text: messagesFor().assign.title } });
    expect(view.submit).toBeUndefined();
    expect(view.blocks.some((block) => block.type === "input" || block.type === "actions")).toBe(false);
    expect(buildLoadingModal({ modal: "intakeEdit" })).toMatchObject({ callback_id: VIEWS.intake, title: { text: messagesFor().intake.titleEdit } });
  });
});
