// Builds the Bolt app for either transport, with our handlers and the health route.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger } from "@slack/bolt";
import type { WebClientOptions } from "@slack/web-api";
import type { SlackMode } from "./config";
import type { DatabaseHealth } from "./db";
import { registerHandlers, type HandlerDeps } from "./handlers";
import { createSlackHttpServer } from "./transport/http-server";
import { checkPayloadShape } from "./transport/payload-shape";
import type { Log } from "./logger";

export interface SlackAppOptions {
  mode: Extract<SlackMode, { kind: "http" | "socket" }>;
  port: number;
  slackApiUrl: string;
  log: Log;
  handlerDeps: HandlerDeps;
  health: () => Promise<DatabaseHealth>;
  /** Test and bench runs talk to the Slack fake: no retries, fail fast on 429. */
  clientOptions?: WebClientOptions;
}

export interface SlackApp {
  app: App;
  /** Starts listening; resolves with the HTTP port actually bound (useful with port 0). */
  start(): Promise<number>;
  stop(): Promise<void>;
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const logger = boltLogger(options.log);
  const clientOptions: WebClientOptions = { slackApiUrl: options.slackApiUrl, ...options.clientOptions };
  const health = healthHandler(options.health);
  // Socket Mode: the Socket Mode client calls apps.connections.open with the same API URL and
  // retry policy as the bot's client. /healthz is served by a server of our own there, because
  // Bolt's receiver neither reports the port it bound nor waits for it to close.
  // HTTP: our own server (transport/http-server.ts) checks each request before Bolt's receiver sees it.
  const receiver =
    options.mode.kind === "http"
      ? // Only our server calls its listener, after checking the signature itself: no second HMAC here.
        new HTTPReceiver({ signingSecret: options.mode.signingSecret, signatureVerification: false, logger, processBeforeResponse: false })
      : new SocketModeReceiver({ appToken: options.mode.appToken, logger, installerOptions: { clientOptions } });

  const app = new App({
    token: options.mode.botToken,
    receiver,
    logger,
    clientOptions,
    // Our own bot_id/user are filtered from message events, so the bot never answers itself.
    ignoreSelf: true,
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
  registerHandlers(app, options.handlerDeps);

  let server: Server | undefined;
  return {
    app,
    async start() {
      if (receiver instanceof HTTPReceiver && options.mode.kind === "http") {
        const guarded = createSlackHttpServer({ signingSecret: options.mode.signingSecret, log: options.log, dispatch: receiver.requestListener, health });
        server = await listen(guarded, options.port);
        return (server.address() as AddressInfo).port;
      }
      server = await listen(
        createServer((req, res) => {
          if (req.method === "GET" && req.url?.split("?")[0] === "/healthz") return health(req, res);
          res.writeHead(404).end();
        }),
        options.port,
      );
      await app.start();
      return (server.address() as AddressInfo).port;
    },
    async stop() {
      if (receiver instanceof SocketModeReceiver) {
        // Bolt's stop() does not wait for the socket to close; the database must outlive it.
        const disconnected = new Promise<void>((resolve) => {
          receiver.client.once("disconnected", () => resolve());
          setTimeout(resolve, 5_000).unref();
        });
        await app.stop();
        await disconnected;
      }
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
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

function healthHandler(health: () => Promise<DatabaseHealth>) {
  return (_req: IncomingMessage, res: ServerResponse) => {
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
