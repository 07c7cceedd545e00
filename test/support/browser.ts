// Debian's Chromium (apt-get install -y chromium) driven by playwright-core: no browser download.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Chromium's first start on a cold machine takes several seconds: more than jest's 5 s default. */
const LAUNCH_TIMEOUT_MS = 60_000;

/** One browser per test file, closed after it. */
export function useBrowser(): { readonly current: Browser } {
  const holder: { current?: Browser } = {};
  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(`the browser tests need Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    }
    // As root (CI, containers) Chromium refuses to start with its sandbox; on a closed network its
    // background connections (updates, sync, QUIC probes) only fail, many at a time.
    holder.current = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      timeout: LAUNCH_TIMEOUT_MS,
    });
  }, LAUNCH_TIMEOUT_MS);
  afterAll(async () => {
    await holder.current?.close();
  });
  return {
    get current() {
      if (!holder.current) throw new Error("useBrowser(): the browser is ready only inside tests");
      return holder.current;
    },
  };
}
