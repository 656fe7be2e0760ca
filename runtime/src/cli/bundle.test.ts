/**
 * The pre-built CLI bundle (scripts/build-cli.mjs, loaded by bin/alur.mjs): it answers exactly as
 * the sources do, and a bundle older than its sources is never used.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain .mjs script without type declarations
import { buildCli } from "../../scripts/build-cli.mjs";

const ALUR = path.resolve(import.meta.dirname, "../../bin/alur.mjs");
const INVALID = path.resolve(
  import.meta.dirname,
  "../../../shared/src/compiler/rules/fixtures/user-task-without-role/invalid.bpmn",
);
let dist = "";

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), "alur-cli-"));
  await buildCli(dist);
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

async function alur(distDir: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [ALUR, ...args], {
      env: { ...process.env, ALUR_CLI_DIST: distDir, ALUR_CLI_TRACE: "1" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("alur's pre-built bundle", () => {
  it("validates a model as the sources do: same problems, same exit code", async () => {
    // when
    const bundled = await alur(dist, "validate", INVALID, "--json");
    const sources = await alur(path.join(dist, "missing"), "validate", INVALID, "--json");

    // then
    expect(bundled.stderr).toContain("running from bundle");
    expect(sources.stderr).toContain("running from sources");
    expect(bundled.code).toBe(1);
    expect(bundled.code).toBe(sources.code);
    expect(JSON.parse(bundled.stdout)).toEqual(JSON.parse(sources.stdout));
    expect(bundled.stdout).toContain("user-task-without-role");
  });

  it("runs from the sources when a file the bundle was built from has changed", async () => {
    // given: the manifest remembers another content for one source file
    const manifestFile = path.join(dist, "inputs.json");
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Record<string, { mtime: number; sha1: string }>;
    const [file] = Object.keys(manifest).filter((f) => f.endsWith("validate.ts"));
    expect(file).toBeDefined();
    manifest[file as string] = { mtime: 0, sha1: "0".repeat(40) };
    writeFileSync(manifestFile, JSON.stringify(manifest));

    // when
    const run = await alur(dist, "validate", INVALID, "--json");

    // then
    expect(run.stderr).toContain("running from sources");
    expect(run.code).toBe(1);
  });
});
