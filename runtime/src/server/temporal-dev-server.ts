/**
 * The embedded default's Temporal: a real `temporal server start-dev` with its state on disk
 * (data/temporal.db), started and stopped with the runtime. Not used when TEMPORAL_ADDRESS is set.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
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
  if (await portAnswers(options.port)) {
    throw new Error(
      `Port ${options.port} is already in use: another Temporal server or program runs there. ` +
        "Stop it, or set TEMPORAL_ADDRESS to use it, or TEMPORAL_DEV_PORT to pick another port.",
    );
  }
  mkdirSync(options.dataDir, { recursive: true });
  const args = [
    "server",
    "start-dev",
    "--db-filename",
    path.join(options.dataDir, "temporal.db"),
    "--ip",
    "127.0.0.1",
    "--port",
    String(options.port),
    "--ui-port",
    String(options.uiPort),
    "--log-level",
    "warn",
  ];
  const child = spawn(cli.path, args, { stdio: ["ignore", "pipe", "pipe"] });
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
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 10_000).unref());
  if ((await Promise.race([exited, timeout])) === "timeout") child.kill("SIGKILL");
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portAnswers(port: number, host = "127.0.0.1"): Promise<boolean> {
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
