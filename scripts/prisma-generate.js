#!/usr/bin/env node
// `prisma generate` does not use the schema engine, but the Prisma 7 CLI looks for one and tries to
// download it from a host that may be unreachable; naming any existing file skips that download.
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const cli = path.join(__dirname, "..", "node_modules", "prisma", "build", "index.js");
const result = spawnSync(process.execPath, [cli, "generate", ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);
