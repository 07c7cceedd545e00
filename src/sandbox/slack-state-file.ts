// The Slack stand-in's workspace kept in a JSON file beside the sandbox's database, so a restart
// shows the channels as they were and the bot can still update its older messages. Only the
// sandbox uses this; the tests' stand-in lives in memory and writes nothing.
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { SlackFake, WorkspaceSnapshot } from "./slack";

export const SLACK_STATE_FILE = "slack-workspace.json";
/** Bump when the shape changes; a file of another version is set aside, not misread. */
export const SLACK_STATE_VERSION = 1;
/** At most one write a second however busy the desk is. */
export const SLACK_STATE_DEBOUNCE_MS = 1_000;

// Checked loosely: the stand-in wrote it; this catches a truncated or hand-edited file, not every field.
const record = z.record(z.string(), z.unknown());
const message = z.looseObject({ channel: z.string(), ts: z.string(), user: z.string(), text: z.string() });
const ephemeral = z.looseObject({ channel: z.string(), user: z.string(), ts: z.string(), text: z.string() });
const fileSchema = z.object({
  version: z.literal(SLACK_STATE_VERSION),
  savedAt: z.string(),
  counters: z.object({ id: z.number().int().nonnegative(), ts: z.number().int().nonnegative(), lastTsSecond: z.number().int().nonnegative() }),
  messages: z.record(z.string(), z.array(message)),
  ephemerals: z.array(ephemeral),
  homes: z.record(z.string(), z.looseObject({ id: z.string(), type: z.literal("home") })),
});

export type SlackStateLoad =
  | { kind: "absent" }
  | { kind: "loaded"; messages: number }
  /** The file could not be taken up; it was renamed to `setAsideAs` and the workspace starts empty. */
  | { kind: "set-aside"; setAsideAs: string; reason: string };

/** Reads the file into the stand-in, or sets an unreadable or unknown-version file aside as `*.bad`. */
export async function loadSlackState(file: string, slack: SlackFake): Promise<SlackStateLoad> {
  let raw: string;
  try {
    raw = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "absent" };
    return setAside(file, `it could not be read (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return setAside(file, "it is not valid JSON");
  }
  const version = record.safeParse(json).data?.version;
  if (version !== SLACK_STATE_VERSION) return setAside(file, `its version ${JSON.stringify(version ?? null)} is not ${SLACK_STATE_VERSION}`);
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) return setAside(file, `it is not a workspace (${parsed.error.issues[0]?.path.join(".") || "?"}: ${parsed.error.issues[0]?.message ?? "?"})`);
  slack.restore(parsed.data as unknown as WorkspaceSnapshot);
  return { kind: "loaded", messages: Object.values(parsed.data.messages).reduce((sum, list) => sum + list.length, 0) };
}

async function setAside(file: string, reason: string): Promise<SlackStateLoad> {
  const setAsideAs = `${file}.bad`;
  await fs.rename(file, setAsideAs).catch(() => undefined);
  return { kind: "set-aside", setAsideAs, reason };
}

/** Written whole to a temporary file and renamed over the old one, so a crash leaves one or the other. */
export async function writeSlackState(file: string, snapshot: WorkspaceSnapshot, now: Date = new Date()): Promise<void> {
  const body = JSON.stringify({ version: SLACK_STATE_VERSION, savedAt: now.toISOString(), ...snapshot });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await fs.writeFile(temporary, body);
  await fs.rename(temporary, file);
}

export interface SlackStateKeeper {
  /** Writes now if anything changed since the last write; waits for a write under way. */
  flush(): Promise<void>;
  /** Stops listening and writes what is left. */
  stop(): Promise<void>;
}

/**
 * Writes the stand-in's workspace after changes: the first change starts a timer of `debounceMs`,
 * and the write then takes every change up to that moment. Writes never overlap.
 */
export function keepSlackState(file: string, slack: SlackFake, options: { debounceMs?: number; onError?: (error: unknown) => void } = {}): SlackStateKeeper {
  const debounceMs = options.debounceMs ?? SLACK_STATE_DEBOUNCE_MS;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  // Read-only calls notify too (conversations.history, users.info): skip writing the same again.
  let lastWritten = JSON.stringify(slack.snapshot());
  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    writing = writing.then(async () => {
      const snapshot = slack.snapshot();
      const serialized = JSON.stringify(snapshot);
      if (serialized === lastWritten) return;
      try {
        await writeSlackState(file, snapshot);
        lastWritten = serialized;
      } catch (error) {
        options.onError?.(error);
      }
    });
    return writing;
  };
  const unsubscribe = slack.onChange(() => {
    timer ??= setTimeout(() => void flush(), debounceMs);
  });
  return {
    flush,
    async stop() {
      unsubscribe();
      await flush();
    },
  };
}
