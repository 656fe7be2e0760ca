/**
 * The embedded default's Temporal: a real `temporal server start-dev` with its state on disk
 * (data/temporal.db), started and stopped with the runtime. Not used when TEMPORAL_ADDRESS is set.
 * It runs under dev-server-guard.mjs, which stops it when this process ends however it ends
 * (SIGKILL included), and records its pid in data/temporal-dev-server.pid: a server left over by
 * an earlier run (its guard killed too) is found there and stopped before a new one starts.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "../logger";
import { locateTemporalCli, missingBinaryMessage } from "../temporal/binaries";

export interface DevServer {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(options: {
  dataDir: string;
  port: number;
  uiPort: number;
  cliPath?: string;
  logger: Logger;
}): Promise<DevServer> {
  const cli = locateTemporalCli(options.cliPath);
  if (!cli) throw new Error(missingBinaryMessage("temporal"));
  mkdirSync(options.dataDir, { recursive: true });
  const dbFile = path.join(options.dataDir, "temporal.db");
  const pidFile = path.join(options.dataDir, PID_FILE);
  await stopStaleServer(pidFile, dbFile, options.logger);
  if (await portAnswers(options.port)) {
    throw new Error(
      `Port ${options.port} is already in use: another Temporal server or program runs there. ` +
        "Stop it, or set TEMPORAL_ADDRESS to use it, or TEMPORAL_DEV_PORT to pick another port.",
    );
  }
  const args = [
    "server",
    "start-dev",
    "--db-filename",
    dbFile,
    "--ip",
    "127.0.0.1",
    "--port",
    String(options.port),
    "--ui-port",
    String(options.uiPort),
    "--log-level",
    "warn",
  ];
  // stdin is the guard's watchdog pipe: never written, closed by the kernel when this process ends
  const child = spawn(process.execPath, [GUARD, pidFile, cli.path, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const ready = await Promise.race([waitForPort(options.port, 60_000).then(() => true), exited.then(() => false)]);
  if (!ready) {
    throw new Error(`The Temporal dev server exited during start-up:\n${output.join("").slice(-2000)}`);
  }
  options.logger.info({ port: options.port, cli: cli.path }, "temporal dev server started");
  return {
    address: `127.0.0.1:${options.port}`,
    uiUrl: `http://localhost:${options.uiPort}`,
    stop: () => stopChild(child, exited, pidFile),
  };
}

const PID_FILE = "temporal-dev-server.pid";
const GUARD = fileURLToPath(new URL("./dev-server-guard.mjs", import.meta.url));

/** The guard stops the server on SIGTERM; if it hangs, the server and the guard are killed. */
async function stopChild(child: ChildProcess, exited: Promise<number | null>, pidFile: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 15_000).unref());
  if ((await Promise.race([exited, timeout])) === "timeout") {
    const server = readPidFile(pidFile);
    if (server) signal(server.pid, "SIGKILL");
    child.kill("SIGKILL");
  }
}

function readPidFile(pidFile: string): { pid: number } | null {
  if (!existsSync(pidFile)) return null;
  try {
    const parsed = JSON.parse(readFileSync(pidFile, "utf8")) as { pid?: unknown };
    return typeof parsed.pid === "number" && Number.isInteger(parsed.pid) && parsed.pid > 1
      ? { pid: parsed.pid }
      : null;
  } catch {
    return null; // half-written or foreign: not a pid to act on
  }
}

function signal(pid: number, sig: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The process's command line, from /proc on Linux, else from ps; null if it cannot be read. */
function commandLine(pid: number): string | null {
  try {
    if (existsSync("/proc/self/cmdline")) return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
    return execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" });
  } catch {
    return null;
  }
}

/**
 * Stops the dev server an earlier run on this data directory left running, if the pid file names
 * one that is still a `temporal server start-dev` on this very database file: a reused pid of an
 * unrelated process is never touched.
 */
async function stopStaleServer(pidFile: string, dbFile: string, logger: Logger): Promise<void> {
  const stale = readPidFile(pidFile);
  if (!stale) {
    rmSync(pidFile, { force: true });
    return;
  }
  const command = signal(stale.pid, 0) ? commandLine(stale.pid) : null;
  if (command?.includes("start-dev") && command.includes(dbFile)) {
    logger.warn(
      { pid: stale.pid },
      "stopping the Temporal dev server an earlier run left running on this data directory",
    );
    signal(stale.pid, "SIGTERM");
    if (!(await exitsWithin(stale.pid, 10_000))) {
      signal(stale.pid, "SIGKILL");
      await exitsWithin(stale.pid, 5_000);
    }
  }
  rmSync(pidFile, { force: true });
}

async function exitsWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!signal(pid, 0)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !signal(pid, 0);
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
function portAnswers(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await portAnswers(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Temporal did not answer on port ${port} within ${timeoutMs / 1000} s`);
}
