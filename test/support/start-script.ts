// What `npm start` runs: `node [flags] dist/src/main.js`. The bench and the artifact test start the
// built bot with the same Node flags (the heap's bounds), so that they measure and test what users run.
import fs from "node:fs";
import path from "node:path";

const REPO_ROOT = path.resolve(__dirname, "../..");

/** The Node flags of package.json's `start` script; throws if the script is not `node [--flags] dist/src/main.js`. */
export function startScriptNodeArgs(): string[] {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const match = /^node((?:\s+--[\w-]+(?:=\S+)?)*)\s+dist\/src\/main\.js$/.exec(scripts.start ?? "");
  if (!match) throw new Error(`package.json's start script is not "node [--flags] dist/src/main.js": ${scripts.start}`);
  return match[1]!.split(/\s+/).filter(Boolean);
}
