/**
 * Crashes of the embedded default on real processes: `alur serve` killed with SIGKILL takes its
 * Temporal dev server with it, so serving again on the same data directory (same ports) just
 * works; a dev server that outlived its guard too is found by its pid file and stopped; and
 * SIGTERM sent to the `npm start` process alone, as a supervisor does, leaves no process behind.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/env";
import { embeddedEnv, eventually, freePort, type ServeProcess, spawnServe, stopServe } from "../src/testing";

const dataDir = mkdtempSync(path.join(tmpdir(), "alur-crash-"));
const dbFile = path.join(dataDir, "temporal.db");
// `npm start` gets a data directory of its own
const startDir = mkdtempSync(path.join(tmpdir(), "alur-start-"));
let env: Record<string, string>;
let server: ServeProcess | undefined;
const started: number[] = [];

/** Every process whose command line mentions `needle` (Linux /proc). */
function processesWith(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
      const state = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]?.[0];
      if (cmdline.includes(needle) && state !== "Z") pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** The Temporal dev servers on `db` (their guard names the file too: not counted). */
function devServersOn(db: string): number[] {
  return processesWith(db).filter((pid) => !commandOf(pid).includes("dev-server-guard"));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
}

function exited(proc: ServeProcess): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => proc.child.once("exit", () => resolve()));
}

afterAll(async () => {
  await stopServe(server);
  // whatever a failed run left behind: only processes of this test's data directory
  for (const pid of [...processesWith(dataDir), ...processesWith(startDir), ...started.filter(alive)]) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(startDir, { recursive: true, force: true });
}, 60_000);

describe("alur serve after a crash (embedded default)", () => {
  it("serves again on the same data directory after SIGKILL, and no old Temporal dev server is left", async () => {
    // given a running embedded server
    env = await embeddedEnv(dataDir);
    env.PORT = String(await freePort());
    server = await spawnServe({ env });
    expect(devServersOn(dbFile)).toHaveLength(1);

    // when it is killed with SIGKILL, as the OOM killer or `kill -9` would
    const killedAt = Date.now();
    server.child.kill("SIGKILL");
    await exited(server);
    // then its dev server goes with it
    await eventually(async () => (devServersOn(dbFile).length === 0 ? true : undefined), 10_000, 100);
    // and serving again on the same data directory and ports succeeds
    server = await spawnServe({ env });
    const restartMs = Date.now() - killedAt;
    console.log(`restart after SIGKILL: ${(restartMs / 1000).toFixed(1)} s until /api/health answered 200`);
    const health = await fetch(`${server.baseUrl}/api/health`).then((r) => r.json());
    expect(health).toEqual({ ok: true, database: "ok", temporal: "ok" });
    expect(devServersOn(dbFile)).toHaveLength(1);
  }, 300_000);

  it("finds a dev server that outlived its guard by the pid file and stops it before starting a new one", async () => {
    // given the server and the guard of its dev server both killed, the dev server left running
    const pidFile = path.join(dataDir, "temporal-dev-server.pid");
    expect(existsSync(pidFile)).toBe(true);
    const { pid, guard } = JSON.parse(readFileSync(pidFile, "utf8")) as { pid: number; guard: number };
    process.kill(guard, "SIGKILL");
    server!.child.kill("SIGKILL");
    await exited(server!);
    await new Promise((r) => setTimeout(r, 500));
    expect(alive(pid)).toBe(true);

    // when Alur is served again on the same data directory
    server = await spawnServe({ env });
    // then the old dev server is gone and a new one answers
    expect(alive(pid)).toBe(false);
    expect(devServersOn(dbFile)).toHaveLength(1);
    const health = await fetch(`${server.baseUrl}/api/health`).then((r) => r.json());
    expect(health).toMatchObject({ ok: true });
    await stopServe(server);
    expect(devServersOn(dbFile)).toHaveLength(0);
  }, 300_000);

  it("stops every process when SIGTERM is sent to the `npm start` process alone", async () => {
    // given `npm start` (install check, Temporal setup, build, serve) running until it answers
    const port = String(await freePort());
    const startDb = path.join(startDir, "temporal.db");
    const npm = spawn("npm", ["start"], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...(await embeddedEnv(startDir)), PORT: port, HOST: "127.0.0.1", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const log: string[] = [];
    npm.stdout.on("data", (c: Buffer) => log.push(c.toString()));
    npm.stderr.on("data", (c: Buffer) => log.push(c.toString()));
    const npmExited = new Promise<void>((resolve) => npm.once("exit", () => resolve()));
    await eventually(
      async () => {
        if (npm.exitCode !== null) throw new Error(`npm start exited ${npm.exitCode}:\n${log.join("").slice(-2000)}`);
        const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
          .then((r) => r.ok)
          .catch(() => false);
        return ok ? true : undefined;
      },
      400_000,
      500,
    );
    // every process it started, found as descendants of the npm process
    const descendants = descendantsOf(npm.pid!);
    started.push(...descendants);
    expect(devServersOn(startDb)).toHaveLength(1);

    // when a supervisor sends SIGTERM to the npm process only
    npm.kill("SIGTERM");
    await npmExited;
    // then nothing it started is left: no server, no Temporal dev server
    await eventually(async () => (descendants.some(alive) ? undefined : true), 30_000, 200).catch(() => {
      throw new Error(
        `left running: ${descendants
          .filter(alive)
          .map((p) => commandOf(p))
          .join("; ")}`,
      );
    });
    expect(devServersOn(startDb)).toHaveLength(0);
  }, 600_000);
});

function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]?.split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

function commandOf(pid: number): string {
  try {
    return `${pid} ${readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").slice(0, 120)}`;
  } catch {
    return String(pid);
  }
}
