// Helpers for the bootstrap scripts. Plain Node, no dependencies: they run before `npm install`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const ALUR = path.join(ROOT, "runtime", "bin", "alur.mjs");

/** Runs a command in the repo root, inheriting stdio; resolves to its exit code. `onSpawn` sees the child. */
export function run(command, args, { onSpawn, ...options } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: "inherit", ...options });
    onSpawn?.(child);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.once("error", (error) => {
      console.error(`${command}: ${error.message}`);
      resolve(1);
    });
  });
}

/** Installs npm dependencies when node_modules is missing or older than package-lock.json. */
export async function ensureNpmDependencies(onSpawn) {
  const marker = path.join(ROOT, "node_modules", ".package-lock.json");
  const lock = path.join(ROOT, "package-lock.json");
  const fresh = existsSync(marker) && existsSync(lock) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
  if (fresh) return;
  // Not `npm ci`: the registry these machines reach lacks some platform builds that packages list
  // as optional (Biome's musl/Android/macOS binaries), so the lock cannot hold them and `npm ci`
  // refuses it as out of sync; `npm install` honours the lock and skips the missing optionals.
  console.log("» npm install");
  const code = await run("npm", ["install", "--no-audit", "--no-fund"], { onSpawn });
  if (code !== 0) fail(`npm install failed (exit ${code}).`);
}

export function fail(message) {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

/** Milliseconds since start, formatted. */
export function elapsed(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

export function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

export function commandExists(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}
