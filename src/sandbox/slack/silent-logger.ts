import { LogLevel, type Logger } from "@slack/web-api";

/**
 * A logger for WebClient and Bolt in tests: the fake's refusals are asserted on, so the SDKs'
 * warnings about them ("[ERROR] must be less than…") are noise.
 */
export function silentLogger(): Logger {
  let level = LogLevel.ERROR;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
