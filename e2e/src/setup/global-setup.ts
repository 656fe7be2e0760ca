/**
 * Starts one real Alur server for the run, as `npm start` would (its own Temporal dev server and
 * PGlite, in a fresh data directory, on free ports), and tears it down afterwards.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { embeddedEnv, spawnServe, stopServe } from "@alur/runtime/testing";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "alur-e2e-"));
  // the incident journey's http step calls a server the test runs on loopback
  const env = { ...(await embeddedEnv(dataDir)), HTTP_CONNECTOR_ALLOW: "127.0.0.1" };
  const server = await spawnServe({ env, timeoutMs: 180_000 });
  project.provide("baseUrl", server.baseUrl);
  project.provide("dataDir", dataDir);
  return async () => {
    await stopServe(server);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
