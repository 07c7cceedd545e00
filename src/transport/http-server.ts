// The HTTP endpoint in front of Bolt's receiver. A request reaches Bolt only once it is signed with
// a timestamp within five minutes either way (Bolt checks the past only) and its body parses to
// the shape of a Slack request (transport/payload-shape.ts); anything else is answered 400, 401 or
// 413 and logged, never passed on to crash the process. Each request to the Slack endpoint gets an
// id that every log line of its handling carries (observability/request-context.ts).
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";
import type { Log } from "../logger";
import { runInRequest } from "../observability/request-context";
import { checkPayloadShape } from "./payload-shape";
import type { PageHandler } from "./survey-pages";

export const SLACK_EVENTS_PATH = "/slack/events";
/** Slack's own rule for X-Slack-Request-Timestamp. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
/** Bolt's default. */
const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;

export interface SlackHttpServerOptions {
  signingSecret: string;
  log: Log;
  /** Bolt's HTTPReceiver.requestListener: verifies again, acks and routes. */
  dispatch: RequestListener;
  /** GET routes beside the Slack endpoint: /healthz, /metrics. */
  routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void>;
  /** Web pages served beside the Slack endpoint (the customer's survey page): true when it answered. */
  pages?: PageHandler;
  /** True once the bot is stopping: each answer closes its connection, so that none is reused. */
  stopping?: () => boolean;
  /** An event to refuse for now (the bot is flooded): answered 503, and Slack delivers it again. */
  sheds?: (body: unknown) => boolean;
  /** Counts a refusal (the status) for /metrics. */
  onRefused?: (status: number) => void;
  bodyLimit?: number;
  nowMs?: () => number;
}

export function createSlackHttpServer(options: SlackHttpServerOptions): Server {
  const { log } = options;
  const refuse = (res: ServerResponse, status: number, reason: string, req: IncomingMessage) => {
    log.warn("refused a request to the Slack endpoint", { status, reason, userAgent: req.headers["user-agent"] });
    options.onRefused?.(status);
    if (!res.headersSent) res.writeHead(status).end();
  };

  return createServer((req, res) => {
    if (options.stopping?.()) res.setHeader("connection", "close");
    const path = req.url?.split("?")[0] ?? "";
    const route = req.method === "GET" ? options.routes[path] : undefined;
    if (route) return route(req, res);
    if (options.pages?.(req, res)) return;
    if (path !== SLACK_EVENTS_PATH) return void res.writeHead(404).end();
    if (req.method !== "POST") return void res.writeHead(405, { allow: "POST" }).end();

    const requestId = randomUUID();
    res.setHeader("x-request-id", requestId);
    runInRequest({ requestId, receivedAt: performance.now() }, () => handleSlackRequest(req, res));
  });

  function handleSlackRequest(req: IncomingMessage, res: ServerResponse): void {
    readBody(req, options.bodyLimit ?? DEFAULT_BODY_LIMIT).then(
      (rawBody) => {
        if (rawBody === "too large") return refuse(res, 413, "body over the size limit", req);
        const unsigned = checkSignature(req, rawBody, options.signingSecret, (options.nowMs ?? Date.now)());
        if (unsigned) return refuse(res, 401, unsigned, req);
        const body = parseBody(req, rawBody);
        const shape = checkPayloadShape(body);
        if (!shape.ok) return refuse(res, 400, `malformed body: ${shape.reason}`, req);
        if (options.sheds?.(body)) {
          options.onRefused?.(503);
          return void res.writeHead(503, { "retry-after": "1" }).end();
        }
        try {
          // Bolt uses a body already read (BufferedIncomingMessage) instead of reading the stream again.
          options.dispatch(Object.assign(req, { rawBody }), res);
        } catch (error) {
          log.error("the Slack request could not be dispatched", { error });
          if (!res.headersSent) res.writeHead(500).end();
        }
      },
      (error: unknown) => refuse(res, 400, `unreadable body: ${(error as Error).message}`, req),
    );
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        resolve("too large");
        return;
      }
      chunks.push(chunk);
    });
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

/** Why the request is not Slack's, or undefined when its signature and timestamp hold. */
function checkSignature(req: IncomingMessage, rawBody: Buffer, signingSecret: string, nowMs: number): string | undefined {
  const timestamp = req.headers["x-slack-request-timestamp"];
  const signature = req.headers["x-slack-signature"];
  if (typeof timestamp !== "string" || !/^\d{1,12}$/.test(timestamp)) return "no valid X-Slack-Request-Timestamp";
  if (typeof signature !== "string") return "no X-Slack-Signature";
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return "timestamp more than five minutes from now";
  const expected = Buffer.from(`v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest("hex")}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? undefined : "signature does not match";
}

/** As Bolt parses it (HTTPModuleFunctions.parseHTTPRequestBody), but never throwing. */
function parseBody(req: IncomingMessage, rawBody: Buffer): unknown {
  const text = rawBody.toString("utf8");
  try {
    if (req.headers["content-type"] === "application/x-www-form-urlencoded") {
      const fields = parseQuery(text);
      return typeof fields.payload === "string" ? JSON.parse(fields.payload) : { ...fields };
    }
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
