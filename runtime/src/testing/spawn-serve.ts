/**
 * `alur serve` as a real child process, for integration tests and benchmarks: spawn it on free
 * ports, wait until it answers (or, for a worker alone, until it prints its banner), stop it with
 * SIGINT as a user would. Plus the few HTTP helpers the tests share.
 */
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { REPO_ROOT } from "../env";

const ALUR_BIN = path.join(REPO_ROOT, "runtime/bin/alur.mjs");

export interface ServeProcess {
  child: ChildProcess;
  log: string[];
  /** http://127.0.0.1:<port> (no /api suffix); empty for a worker alone. */
  baseUrl: string;
}

export interface SpawnServeOptions {
  /** Extra arguments after `serve`, e.g. ["--api"]. */
  args?: string[];
  /** Environment on top of the parent's (PORT and HOST are chosen here unless given). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * The environment of the embedded default (own Temporal dev server, PGlite) in `dataDir`, on free
 * ports, ignoring any TEMPORAL_ADDRESS or DATABASE_URL of the caller.
 */
export async function embeddedEnv(dataDir: string): Promise<Record<string, string>> {
  return {
    ALUR_DATA_DIR: dataDir,
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    TEMPORAL_ADDRESS: "",
    DATABASE_URL: "",
  };
}

/** Starts `alur serve` and resolves once it is ready: /api/health answers 200, or the banner for --worker. */
export async function spawnServe(options: SpawnServeOptions = {}): Promise<ServeProcess> {
  const args = options.args ?? [];
  const workerOnly = args.includes("--worker") && !args.includes("--api");
  const port = options.env?.PORT ?? String(await freePort());
  const log: string[] = [];
  const child = spawn(process.execPath, [ALUR_BIN, "serve", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: "development", LOG_LEVEL: "warn", HOST: "127.0.0.1", ...options.env, PORT: port },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (c: Buffer) => log.push(c.toString()));
  child.stderr?.on("data", (c: Buffer) => log.push(c.toString()));
  const baseUrl = workerOnly ? "" : `http://127.0.0.1:${port}`;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`alur serve exited ${child.exitCode}:\n${tail(log)}`);
    const ready = workerOnly
      ? log.join("").includes("Alur is running")
      : await fetch(`${baseUrl}/api/health`)
          .then((r) => r.ok)
          .catch(() => false);
    if (ready) return { child, log, baseUrl };
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`alur serve ${args.join(" ")} not ready in ${timeoutMs / 1000} s:\n${tail(log)}`);
    }
    await sleep(300);
  }
}

/** Stops the process with SIGINT (its graceful path) and waits for it to exit. */
export async function stopServe(proc: ServeProcess | null | undefined, timeoutMs = 30_000): Promise<void> {
  if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.child.once("exit", resolve));
  proc.child.kill("SIGINT");
  const timer = setTimeout(() => proc.child.kill("SIGKILL"), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/** A TCP port free at the time of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Signs in with mode "token" and returns the bearer token. */
export async function loginToken(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password, mode: "token" }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export interface ApiResult {
  status: number;
  body: unknown;
}

/** One JSON request to `${baseUrl}/api${url}` with a bearer token; the body is parsed when it is JSON. */
export async function api(
  baseUrl: string,
  token: string,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResult> {
  const res = await fetch(`${baseUrl}/api${url}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed };
}

/** Polls `probe` until it yields a value. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs / 1000} s`);
    await sleep(everyMs);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function tail(log: string[]): string {
  return log.join("").slice(-3000);
}
