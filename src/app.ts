// Builds the Bolt app for either transport, with our handlers and the health route.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo, Server } from "node:net";
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger } from "@slack/bolt";
import type { WebClientOptions } from "@slack/web-api";
import type { SlackMode } from "./config";
import type { DatabaseHealth } from "./db";
import { registerHandlers, type HandlerDeps } from "./handlers";
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
  const customRoutes = [{ path: "/healthz", method: ["GET"], handler: healthHandler(options.health) }];
  const receiver =
    options.mode.kind === "http"
      ? new HTTPReceiver({ signingSecret: options.mode.signingSecret, customRoutes, logger, processBeforeResponse: false })
      : new SocketModeReceiver({ appToken: options.mode.appToken, customRoutes, logger, installerOptions: { port: options.port } });

  const app = new App({
    token: options.mode.botToken,
    receiver,
    logger,
    clientOptions: { slackApiUrl: options.slackApiUrl, ...options.clientOptions },
    // Our own bot_id/user are filtered from message events, so the bot never answers itself.
    ignoreSelf: true,
  });

  app.error(async (error) => {
    options.log.error("unhandled error in a Slack listener", { error, code: (error as { code?: string }).code });
  });
  registerHandlers(app, options.handlerDeps);

  let server: Server | undefined;
  return {
    app,
    async start() {
      if (options.mode.kind === "http") {
        server = (await (receiver as HTTPReceiver).start(options.port)) as Server;
        return (server.address() as AddressInfo).port;
      }
      await app.start();
      return options.port;
    },
    async stop() {
      await app.stop();
    },
  };
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

function boltLogger(log: Log): Logger {
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
