/**
 * A real SMTP server for tests: aiosmtpd (PyPI, installed into .tools/venv by `alur setup`) on a
 * free local port, storing what it receives in a Maildir the test reads.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { locateAiosmtpd, pinnedVersions } from "../temporal/binaries";
import { freePort } from "./spawn-serve";

export interface SmtpServer {
  port: number;
  url: string;
  /** Raw RFC 5322 messages received so far, oldest first. */
  messages(): string[];
  stop(): Promise<void>;
}

/** Starts aiosmtpd; throws with what to install when it is missing. `port` reuses a port (a restart). */
export async function startSmtpServer(options: { port?: number; maildir?: string } = {}): Promise<SmtpServer> {
  const aiosmtpd = locateAiosmtpd();
  if (!aiosmtpd)
    throw new Error(
      `aiosmtpd not found: run \`npx alur setup\` (.tools/venv/bin/pip install aiosmtpd==${pinnedVersions().aiosmtpd})`,
    );
  const port = options.port ?? (await freePort());
  const maildir = options.maildir ?? path.join(mkdtempSync(path.join(tmpdir(), "alur-smtp-")), "Maildir");
  const log: string[] = [];
  const child: ChildProcess = spawn(
    aiosmtpd.path,
    ["-n", "-l", `127.0.0.1:${port}`, "-c", "aiosmtpd.handlers.Mailbox", maildir],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", (c: Buffer) => log.push(c.toString()));
  child.stderr?.on("data", (c: Buffer) => log.push(c.toString()));
  const deadline = Date.now() + 30_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null) throw new Error(`aiosmtpd exited ${child.exitCode}: ${log.join("")}`);
    if (Date.now() > deadline) throw new Error(`aiosmtpd did not listen on ${port}: ${log.join("")}`);
    await delay(100);
  }
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages() {
      const dir = path.join(maildir, "new");
      let names: string[];
      try {
        names = readdirSync(dir).sort();
      } catch {
        return [];
      }
      return names.map((n) => readFileSync(path.join(dir, n), "utf8"));
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
