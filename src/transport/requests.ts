// Every Slack request that reaches Bolt — an HTTP request or a Socket Mode envelope — passes through
// here (App.processEvent): it is handled under its request id (every log line it causes, after the
// ack too, carries it), counted and timed per listener for /metrics, and waited for when the bot
// stops: first its ack, then its post-ack work, both within the shutdown's bound.
import { randomUUID } from "node:crypto";
import type { ReceiverEvent } from "@slack/bolt";
import type { Log } from "../logger";
import type { Metrics, SlackRequestLabels } from "../observability/metrics";
import { currentRequest, runInRequest } from "../observability/request-context";

/** The ids our listeners answer (handlers/index.ts): anything else is labelled "unknown" in /metrics. */
export interface KnownIds {
  actions: ReadonlySet<string>;
  views: ReadonlySet<string>;
  shortcuts: ReadonlySet<string>;
  options: ReadonlySet<string>;
}

/**
 * Requests in flight (acked events whose listener has not ended included) above which an event is
 * refused: Slack delivers it again (HTTP 503, or an unacked Socket Mode envelope), so that a flood
 * of events waits at Slack rather than in the bot's memory. A person's click or form is never refused.
 */
export const MAX_IN_FLIGHT_FOR_EVENTS = 1_000;

export interface RequestTracker {
  /** Bolt's processEvent, wrapped. */
  process(event: ReceiverEvent, next: (event: ReceiverEvent) => Promise<void>): Promise<void>;
  /** Requests arriving from now on are left unacked (Socket Mode: Slack delivers an event again). */
  refuseNew(): void;
  /** Resolves true once every request taken has been acked; false if `timeoutMs` passed first. */
  acked(timeoutMs: number): Promise<boolean>;
  /** Resolves true once every request taken has ended, post-ack work included; false if `timeoutMs` passed first. */
  finished(timeoutMs: number): Promise<boolean>;
  readonly inFlight: number;
  /** Whether this request is an event to refuse for now (see MAX_IN_FLIGHT_FOR_EVENTS). */
  sheds(body: unknown): boolean;
}

export interface RequestTrackerOptions {
  log: Log;
  metrics: Metrics;
  known?: KnownIds;
  maxInFlightForEvents?: number;
  /** Socket Mode: events are shed here, left unacked. Over HTTP the server answers 503 before Bolt sees them. */
  shedInProcess?: boolean;
}

export function createRequestTracker(options: RequestTrackerOptions): RequestTracker {
  const { log, metrics } = options;
  const maxInFlightForEvents = options.maxInFlightForEvents ?? MAX_IN_FLIGHT_FOR_EVENTS;
  let refusing = false;
  let unacked = 0;
  let running = 0;
  const watchers = new Set<() => void>();
  const changed = () => watchers.forEach((watch) => watch());

  const until = (done: () => boolean, timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      if (done()) return resolve(true);
      const watch = () => {
        if (!done()) return;
        finish(true);
      };
      const timer = setTimeout(() => finish(false), Math.max(0, timeoutMs));
      const finish = (result: boolean) => {
        clearTimeout(timer);
        watchers.delete(watch);
        resolve(result);
      };
      watchers.add(watch);
    });

  const sheds = (body: unknown) => running >= maxInFlightForEvents && (body as { type?: unknown } | undefined)?.type === "event_callback";

  return {
    sheds,
    process(event, next) {
      const labels = labelsOf(event.body, options.known);
      const outer = currentRequest();
      const requestId = requestIdOf(event) ?? outer?.requestId ?? randomUUID();
      const receivedAt = outer?.receivedAt ?? performance.now();
      return runInRequest({ requestId, receivedAt }, async () => {
        if (refusing) {
          log.info("left a Slack request unacked: the bot is stopping", { ...labels });
          return;
        }
        if (options.shedInProcess && sheds(event.body)) {
          log.warn("left an event unacked: too many requests in flight; Slack delivers it again", { ...labels, inFlight: running });
          return;
        }
        let acked = false;
        unacked += 1;
        running += 1;
        metrics.slackRequestStarted(labels);
        const markAcked = () => {
          if (acked) return;
          acked = true;
          unacked -= 1;
          const seconds = (performance.now() - receivedAt) / 1000;
          metrics.slackRequestAcked(labels, seconds);
          changed();
        };
        const ack: ReceiverEvent["ack"] = (response) => {
          markAcked();
          return event.ack(response);
        };
        try {
          await next({ ...event, ack });
        } finally {
          const seconds = (performance.now() - receivedAt) / 1000;
          metrics.slackRequestFinished(labels, seconds, acked);
          log.info("slack request", { ...labels, acked, ms: Math.round(seconds * 1000) });
          if (!acked) unacked -= 1;
          running -= 1;
          changed();
        }
      });
    },
    refuseNew() {
      refusing = true;
    },
    acked: (timeoutMs) => until(() => unacked === 0, timeoutMs),
    finished: (timeoutMs) => until(() => running === 0, timeoutMs),
    get inFlight() {
      return running;
    },
  };
}

/** Socket Mode's envelope id (SocketModeReceiver's customPropertiesExtractor, app.ts). */
function requestIdOf(event: ReceiverEvent): string | undefined {
  const id = (event.customProperties as { requestId?: unknown } | undefined)?.requestId;
  return typeof id === "string" && id ? id : undefined;
}

type Body = {
  type?: unknown;
  command?: unknown;
  actions?: { action_id?: unknown }[];
  action_id?: unknown;
  callback_id?: unknown;
  view?: { callback_id?: unknown };
  event?: { type?: unknown };
};

/** Which listener a request is for; ids no listener answers are "unknown", so the labels stay few. */
export function labelsOf(rawBody: unknown, known: KnownIds | undefined): SlackRequestLabels {
  const body = (rawBody ?? {}) as Body;
  const named = (value: unknown, pattern: RegExp, ids?: ReadonlySet<string>) => {
    if (typeof value !== "string" || !pattern.test(value)) return "unknown";
    return !known || !ids || ids.has(value) ? value : "unknown";
  };
  const id = /^[A-Za-z0-9_.:-]{1,100}$/;
  if (typeof body.command === "string") return { kind: "command", listener: named(body.command, /^\/[a-z0-9_-]{1,32}$/i) };
  switch (body.type) {
    case "block_actions":
      return { kind: "action", listener: named(body.actions?.[0]?.action_id, id, known?.actions) };
    case "block_suggestion":
      return { kind: "options", listener: named(body.action_id, id, known?.options) };
    case "view_submission":
    case "view_closed":
      return { kind: body.type, listener: named(body.view?.callback_id, id, known?.views) };
    case "shortcut":
    case "message_action":
      return { kind: "shortcut", listener: named(body.callback_id, id, known?.shortcuts) };
    case "event_callback":
      return { kind: "event", listener: named(body.event?.type, /^[a-z_]{1,50}$/) };
    default:
      return { kind: "other", listener: "other" };
  }
}
