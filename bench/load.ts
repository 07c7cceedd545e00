// A closed-loop load generator: `concurrency` workers send requests back to back until `total`
// have been sent, over keep-alive connections, recording each request's latency. With several
// ports (replicas of the bot) the requests go round-robin across them, as a load balancer would.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { summarise, type LatencySummary } from "./stats";

const REQUEST_TIMEOUT_MS = 30_000;

export interface LoadRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface PortResult extends LatencySummary {
  /** Answers per second from this port, over the whole run's duration. */
  throughput: number;
  errors: number;
}

export interface LoadResult extends LatencySummary {
  throughput: number;
  errors: number;
  /** The first answer that failed the check (status and the start of the body), to say why. */
  firstFailure?: string;
  statuses: Record<number, number>;
  /** The same figures for each port, when there were several. */
  perPort: Map<number, PortResult>;
}

export async function runLoad(options: {
  /**
   * Where to send: request `index` goes to `ports[index % ports.length]`. The array is read at each
   * request, so a caller may take a port out of it during the run (a replica out of rotation).
   */
  ports: number[];
  total: number;
  concurrency: number;
  /** Called for each request, just before it is sent: signatures carry a timestamp, trigger_ids expire. */
  makeRequest: (index: number) => LoadRequest;
  /** Whether the answer is what the scenario expects (status alone is not enough for Slack acks). */
  check?: (status: number, body: string) => boolean;
  /** Told about every request once it is answered (`status` 0: no answer, `body` then says why) and where it went. */
  onResponse?: (index: number, ok: boolean, status: number, body: string, port: number) => void;
  /** Connections kept from an earlier run (the caller destroys it); a new agent, destroyed at the end, by default. */
  agent?: http.Agent;
}): Promise<LoadResult> {
  // One agent: it keeps up to `concurrency` sockets per port.
  const agent = options.agent ?? new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  const byPort = new Map<number, { latencies: number[]; errors: number }>();
  const statuses: Record<number, number> = {};
  let errors = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.total) {
      const index = next++;
      const port = options.ports[index % options.ports.length];
      const mine = byPort.get(port) ?? { latencies: [], errors: 0 };
      byPort.set(port, mine);
      const request = options.makeRequest(index);
      const sentAt = performance.now();
      try {
        const { status, body } = await send(agent, port, request);
        const latency = performance.now() - sentAt;
        latencies.push(latency);
        mine.latencies.push(latency);
        statuses[status] = (statuses[status] ?? 0) + 1;
        const ok = !options.check || options.check(status, body);
        if (!ok) {
          errors += 1;
          mine.errors += 1;
          firstFailure ??= `HTTP ${status} ${body.slice(0, 300) || "(empty body)"}`;
        }
        options.onResponse?.(index, ok, status, body, port);
      } catch (error) {
        errors += 1;
        mine.errors += 1;
        firstFailure ??= String(error);
        options.onResponse?.(index, false, 0, String(error), port);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  if (!options.agent) agent.destroy();
  const perPort = new Map([...byPort].map(([port, mine]) => [port, { ...summarise(mine.latencies), throughput: mine.latencies.length / seconds, errors: mine.errors }]));
  return { ...summarise(latencies), throughput: latencies.length / seconds, errors, statuses, perPort, ...(firstFailure ? { firstFailure } : {}) };
}

function send(agent: http.Agent, port: number, request: LoadRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path: request.path, method: "POST", agent, headers: { ...request.headers, "content-length": Buffer.byteLength(request.body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    // Slack gives up after 3 s; the bench waits longer, to measure, but not for ever.
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    req.on("error", reject);
    req.end(request.body);
  });
}
