/**
 * Property-based HTTP fuzzing of the whole API from its own OpenAPI document: Schemathesis (pinned
 * in tools/versions.json, installed by `npx alur setup`) sends generated and boundary requests as a
 * signed-in district admin (a district and roles: the inbox and case queries reach PostgreSQL) to a
 * real `alur serve` (the run's Temporal dev server, its own PGlite) for
 * a bounded time. No answer may be a 5xx and none may break the schema the document gives it.
 */

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { locateSchemathesis } from "../src/temporal/binaries";
import { loginToken, type ServeProcess, spawnServe, stopServe } from "../src/testing";

/** The fuzzing budget; with the server start the test stays well inside its timeout on 2 cores. */
const FUZZ_SECONDS = 60;

const dataDir = mkdtempSync(path.join(tmpdir(), "alur-fuzz-"));
let server: ServeProcess | null = null;

beforeAll(async () => {
  server = await spawnServe({
    env: {
      ALUR_DATA_DIR: dataDir,
      DATABASE_URL: "",
      TEMPORAL_ADDRESS: inject("temporalAddress"),
      TEMPORAL_TASK_QUEUE: `api-fuzz-${process.pid}`,
    },
  });
});

afterAll(async () => {
  await stopServe(server);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every line behind a prefix, so no line of a tool's output stands alone in the test log. */
function quoteLines(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => prefix + line.replace(/^=+\s*(.*?)\s*=+$/, "$1"))
    .join("\n");
}

function run(file: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // in the data dir: Schemathesis keeps its own state (.schemathesis/) in its working directory
    const child = spawn(file, args, {
      cwd: dataDir,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("API fuzzing (Schemathesis over /api/openapi.json)", () => {
  it("finds no 5xx and no answer that breaks its own schema", async () => {
    const schemathesis = locateSchemathesis();
    expect(schemathesis, "schemathesis not installed: run `npx alur setup`").not.toBeNull();
    const base = server!.baseUrl;
    const credentials = JSON.parse(readFileSync(path.join(dataDir, "demo-credentials.json"), "utf8")) as {
      username: string;
      password: string;
    }[];
    const admin = credentials.find((c) => c.username === "bks.admin")!;
    const token = await loginToken(base, admin.username, admin.password);

    const { code, output } = await run(
      schemathesis!.path,
      [
        "run",
        `${base}/api/openapi.json`,
        "--url",
        `${base}/api`,
        "--header",
        `Authorization: Bearer ${token}`,
        // signing out would end the run's session; signing in is the lock-out's business
        "--exclude-path-regex",
        "^/auth/log(in|out)$",
        "--checks",
        "not_a_server_error,response_schema_conformance",
        "--max-time",
        String(FUZZ_SECONDS),
        "--workers",
        "1",
        "--generation-allow-x00",
        "true",
        "--generation-database",
        "none",
        // the run's own token on every request, not generated session cookies
        "--generation-with-security-parameters",
        "false",
        "--seed",
        "1",
        "--no-color",
      ],
      (FUZZ_SECONDS + 60) * 1000,
    );
    // the summary (operations, test cases, failures) belongs in the test log either way, but
    // quoted: its pytest-style "==== … in 61.2s ====" banner, bare, reads to CI as the closing
    // line of a pytest run that executed no test
    const summary = output.slice(output.lastIndexOf("SUMMARY") >= 0 ? output.lastIndexOf("SUMMARY") : -3000);
    console.log(quoteLines(summary, "schemathesis | "));
    expect(code, output.slice(-20_000)).toBe(0);
  }, 240_000);
});
