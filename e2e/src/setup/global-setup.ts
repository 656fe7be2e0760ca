/**
 * Starts one real Alur server for the run, as `npm start` would (its own Temporal dev server and
 * PGlite, in a fresh data directory, on free ports), with a real SMTP server (aiosmtpd) it sends
 * its email to, and tears both down afterwards.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { embeddedEnv, spawnServe, startSmtpServer, stopServe } from "@alur/runtime/testing";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
    /** The Maildir the SMTP server stores what the server sends (read by setup/mail.ts). */
    maildir: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "alur-e2e-"));
  const maildir = path.join(dataDir, "Maildir");
  const smtp = await startSmtpServer({ maildir });
  // the incident journey's http step calls a server the test runs on loopback
  const env = {
    ...(await embeddedEnv(dataDir)),
    HTTP_CONNECTOR_ALLOW: "127.0.0.1",
    SMTP_URL: smtp.url,
    // Sumedang asks online applicants for a verification code (verification-code.e2e.ts)
    PUBLIC_VERIFY_DISTRICTS: "3211",
    SMTP_FROM: "Dinas Sosial <layanan@dinsos.test>",
  };
  const server = await spawnServe({ env, timeoutMs: 180_000 });
  project.provide("baseUrl", server.baseUrl);
  project.provide("dataDir", dataDir);
  project.provide("maildir", maildir);
  return async () => {
    await stopServe(server);
    await smtp.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
