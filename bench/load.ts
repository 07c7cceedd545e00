// A closed-loop load generator: `concurrency` workers send requests back to back until `total`
// have been sent, over keep-alive connections, recording each request's latency.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { summarise, type LatencySummary } from "./stats";

export interface LoadRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult extends LatencySummary {
  throughput: number;
  errors: number;
  /** The first answer that failed the check (status and the start of the body), to say why. */
  firstFailure?: string;
  statuses: Record<number, number>;
}

export async function runLoad(options: {
  port: number;
  total: number;
  concurrency: number;
  /** Called for each request: signatures carry a timestamp, so requests are made fresh. */
  makeRequest: (index: number) => LoadRequest;
  /** Whether the answer is what the scenario expects (status alone is not enough for Slack acks). */
  check?: (status: number, body: string) => boolean;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.total) {
      const index = next++;
      const request = options.makeRequest(index);
      const sentAt = performance.now();
      try {
        const { status, body } = await send(agent, options.port, request);
        latencies.push(performance.now() - sentAt);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (options.check && !options.check(status, body)) {
          errors += 1;
          firstFailure ??= `${status} ${body.slice(0, 300)}`;
        }
      } catch (error) {
        errors += 1;
        firstFailure ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { ...summarise(latencies), throughput: latencies.length / seconds, errors, statuses, ...(firstFailure ? { firstFailure } : {}) };
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
    req.on("error", reject);
    req.end(request.body);
  });
}
