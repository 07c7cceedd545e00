import fs from "node:fs/promises";

export default async function globalTeardown(): Promise<void> {
  await globalThis.__embeddedTestServer?.stop();
  if (globalThis.__embeddedTestDir) await fs.rm(globalThis.__embeddedTestDir, { recursive: true, force: true });
}
