// Builds the Bolt app for either transport, with our handlers, /healthz and /metrics, and its
// graceful stop: no new requests, in-flight acks and their post-ack work finished within a bound.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger } from "@slack/bolt";
import { WebClient, type WebClientOptions } from "@slack/web-api";
import type { SlackMode } from "./config";
import type { DatabaseHealth } from "./db";
import { deadlineIn, within } from "./deadline";
import { registerHandlers, type HandlerDeps } from "./handlers";
import { routedById } from "./handlers/routing";
import { createMetrics, type Metrics } from "./observability/metrics";
import { createSlackHttpServer } from "./transport/http-server";
import { checkPayloadShape } from "./transport/payload-shape";
import type { PageHandler } from "./transport/survey-pages";
import { createRequestTracker } from "./transport/requests";
import type { Log } from "./logger";

/** How long a stop waits for the Socket Mode connection to close. */
const SOCKET_CLOSE_MS = 5_000;

export interface SlackAppOptions {
  mode: Extract<SlackMode, { kind: "http" | "socket" }>;
  port: number;
  slackApiUrl: string;
  log: Log;
  handlerDeps: HandlerDeps;
  health: () => Promise<DatabaseHealth>;
  /** Test and bench runs talk to the Slack fake: no retries, fail fast on 429. */
  clientOptions?: WebClientOptions;
  /** Where requests and Web API calls are counted and /metrics reads; a registry of its own by default. */
  metrics?: Metrics;
  /** Web pages beside Slack's endpoint, on the same port (the customer's survey page). */
  pages?: PageHandler;
}

export interface SlackApp {
  app: App;
  metrics: Metrics;
  /** Starts listening; resolves with the HTTP port actually bound (useful with port 0). */
  start(): Promise<number>;
  /**
   * Takes no new request (HTTP: the port closes; Socket Mode: envelopes are left unacked, and Slack
   * delivers events again), lets the requests in flight ack and finish their post-ack work, at most
   * `timeoutMs` in all, then closes the Socket Mode connection and the HTTP server.
   */
  stop(timeoutMs?: number): Promise<void>;
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const logger = boltLogger(options.log);
  const metrics = options.metrics ?? createMetrics({ log: options.log });
  // Every Web API call — the listeners' clients, Bolt's respond(), Socket Mode's connections.open — is counted.
  const clientOptions: WebClientOptions = { slackApiUrl: options.slackApiUrl, ...options.clientOptions, fetch: metrics.slackFetch(options.clientOptions?.fetch) };
  let stopping = false;
  const routes = {
    "/healthz": healthHandler(options.health, () => stopping),
    "/metrics": metricsHandler(metrics, options.log),
  };
  // Socket Mode: the Socket Mode client calls apps.connections.open with the same API URL and
  // retry policy as the bot's client. /healthz is served by a server of our own there, because
  // Bolt's receiver neither reports the port it bound nor waits for it to close.
  // HTTP: our own server (transport/http-server.ts) checks each request before Bolt's receiver sees it.
  const receiver =
    options.mode.kind === "http"
      ? // Only our server calls its listener, after checking the signature itself: no second HMAC here.
        new HTTPReceiver({ signingSecret: options.mode.signingSecret, signatureVerification: false, logger, processBeforeResponse: false })
      : new SocketModeReceiver({
          appToken: options.mode.appToken,
          logger,
          installerOptions: { clientOptions },
          // Slack's id of the envelope names the request in our logs.
          customPropertiesExtractor: (args: { envelope_id?: unknown }) => (typeof args.envelope_id === "string" ? { requestId: args.envelope_id } : {}),
        });

  const app = new App({
    token: options.mode.botToken,
    receiver,
    logger,
    clientOptions,
    // Our own bot_id/user are filtered from message events, so the bot never answers itself.
    ignoreSelf: true,
    // Bolt's conversation store (context.conversation) is unused here; its middleware ran on every request.
    convoStore: false,
  });

  // Socket Mode bodies come from Slack's socket, not our HTTP guard: the same shape check, first.
  if (options.mode.kind === "socket") {
    app.use(async ({ body, ack, next }) => {
      const shape = checkPayloadShape(body);
      if (shape.ok) return next();
      options.log.warn("dropped a malformed Slack request", { reason: shape.reason });
      await (ack as (() => Promise<void>) | undefined)?.();
    });
  }
  app.error(async (error) => {
    options.log.error("unhandled error in a Slack listener", { error, code: (error as { code?: string }).code });
  });
  // Modals open on a client of their own, whose queue takes every call at once: a views.open must
  // not wait behind other calls while its trigger expires (handlers/support/open-modal.ts). No
  // retries: a trigger is dead long before the first one.
  const modalClient = new WebClient(options.mode.botToken, { ...clientOptions, logger, maxRequestConcurrency: Infinity, retryConfig: { retries: 0 } });
  const listened = registerHandlers(routedById(app), { modalClient, ...options.handlerDeps });

  // Both receivers hand each request to processEvent: its id, its metrics and the wait at stop.
  const requests = createRequestTracker({ log: options.log, metrics, known: listened, shedInProcess: options.mode.kind === "socket" });
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => requests.process(event, processEvent);

  let server: Server | undefined;
  let closed: Promise<void> | undefined;
  const closeServer = () => {
    closed ??= new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    return closed;
  };
  return {
    app,
    metrics,
    async start() {
      if (receiver instanceof HTTPReceiver && options.mode.kind === "http") {
        const guarded = createSlackHttpServer({
          signingSecret: options.mode.signingSecret,
          log: options.log,
          dispatch: receiver.requestListener,
          routes,
          pages: options.pages,
          stopping: () => stopping,
          sheds: (body) => requests.sheds(body),
          onRefused: (status) => metrics.slackRequestRefused(status),
        });
        server = await listen(guarded, options.port);
        return (server.address() as AddressInfo).port;
      }
      server = await listen(
        createServer((req, res) => {
          const route = req.method === "GET" ? routes[req.url?.split("?")[0] as keyof typeof routes] : undefined;
          if (route) return route(req, res);
          if (options.pages?.(req, res)) return;
          res.writeHead(404).end();
        }),
        options.port,
      );
      await app.start();
      return (server.address() as AddressInfo).port;
    },
    async stop(timeoutMs = 10_000) {
      if (stopping) return void (await closeServer());
      stopping = true;
      const { left } = deadlineIn(timeoutMs);
      const log = options.log;
      if (receiver instanceof SocketModeReceiver) {
        // Envelopes still arriving are not acked: Slack delivers an event again (another connection, or us once restarted).
        requests.refuseNew();
        if (!(await requests.acked(left()))) log.warn("stopping: requests still unacked when the bound ran out", { inFlight: requests.inFlight, timeoutMs });
        // Bolt's stop() does not wait for the socket to close.
        const disconnected = new Promise<void>((resolve) => {
          receiver.client.once("disconnected", () => resolve());
          setTimeout(resolve, Math.min(SOCKET_CLOSE_MS, Math.max(left(), 500))).unref();
        });
        await app.stop();
        await disconnected;
      } else if (server) {
        // The port closes at once; requests on open connections are still answered, each closing its connection.
        const open = server;
        void closeServer();
        const drained = (async () => {
          // A connection goes idle once its answer is sent: close it rather than keep it alive.
          while (!(await Promise.race([closed!.then(() => true), sleep(50, false)]))) open.closeIdleConnections();
        })();
        await within(drained, left());
      }
      if (!(await requests.finished(left()))) log.warn("stopping: post-ack work still running when the bound ran out", { inFlight: requests.inFlight, timeoutMs });
      server?.closeAllConnections();
      await closeServer();
    },
  };
}

function listen(server: Server, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

function healthHandler(health: () => Promise<DatabaseHealth>, stopping: () => boolean) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    if (stopping()) {
      res.writeHead(503, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ status: "stopping" }));
    }
    health()
      .then((database) => {
        res.writeHead(database.ok ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: database.ok ? "ok" : "degraded", database }));
      })
      .catch((error: unknown) => {
        res.writeHead(503, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: "degraded", database: { ok: false, error: String(error) } }));
      });
  };
}

function metricsHandler(metrics: Metrics, log: Log) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    metrics.render().then(
      ({ contentType, body }) => {
        res.writeHead(200, { "content-type": contentType });
        res.end(body);
      },
      (error: unknown) => {
        log.error("metrics: could not render /metrics", { error });
        res.writeHead(500).end();
      },
    );
  };
}

export function boltLogger(log: Log): Logger {
  let level = LogLevel.INFO;
  const join = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : JSON.stringify(a))).join(" ");
  return {
    debug: (...args) => log.debug(join(args), { source: "bolt" }),
    info: (...args) => log.info(join(args), { source: "bolt" }),
    warn: (...args) => log.warn(join(args), { source: "bolt" }),
    error: (...args) => log.error(join(args), { source: "bolt" }),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
