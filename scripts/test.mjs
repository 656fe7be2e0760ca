// `npm test`: installs what the tests need, then typecheck, lint, unit, integration and e2e tests.
// Every suite runs; a missing prerequisite fails with what to install. Nothing is skipped silently.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { ALUR, elapsed, ensureNpmDependencies, fail, ROOT, run } from "./lib.mjs";
import { countReport } from "./test-report.mjs";

process.env.TURBO_TELEMETRY_DISABLED ??= "1";
const started = Date.now();
await ensureNpmDependencies();
if ((await run(process.execPath, [ALUR, "setup", "--browser"])) !== 0) {
  fail("Test prerequisites are missing (see above): the Temporal binaries and Chromium are required.");
}
const pgUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const pg = new URL(pgUrl);
if (!(await answers(Number(pg.port || 5432), pg.hostname))) {
  fail(
    `PostgreSQL does not answer at ${pg.hostname}:${pg.port || 5432}. The storage and integration tests need a real server:\n` +
      "  apt-get install postgresql && pg_ctlcluster <version> main start   (or set TEST_POSTGRES_URL)",
  );
}

const reports = path.join(ROOT, "data", "test-reports");
mkdirSync(reports, { recursive: true });
const steps = [
  ["typecheck", "npx", ["turbo", "run", "typecheck", "--output-logs=errors-only"]],
  ["typecheck bench", "npx", ["tsc", "-p", "bench"]],
  ["lint", "npx", ["biome", "ci", "."]],
  ["build", "npx", ["turbo", "run", "build", "--output-logs=errors-only"]],
  [
    "unit + integration",
    "npx",
    ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/vitest.json`],
  ],
  [
    "e2e",
    "npx",
    [
      "vitest",
      "run",
      "--config",
      "e2e/vitest.config.ts",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${reports}/e2e.json`,
    ],
  ],
];

const results = [];
for (const [name, command, args] of steps) {
  const t0 = Date.now();
  console.log(`\n» ${name}`);
  const code = await run(command, args);
  results.push({ name, ok: code === 0, time: elapsed(t0) });
}

let passed = 0;
let failed = 0;
for (const file of ["vitest.json", "e2e.json"]) {
  const full = path.join(reports, file);
  if (!existsSync(full)) continue;
  const report = JSON.parse(readFileSync(full, "utf8"));
  const counts = countReport(report);
  passed += counts.passed;
  failed += counts.failed;
}

console.log("\nSummary");
for (const r of results) console.log(`  ${r.ok ? "✔" : "✖"} ${r.name.padEnd(20)} ${r.time}`);
console.log(`  total ${elapsed(started)}`);
const failedSteps = results.filter((r) => !r.ok).length;
console.log(`tests: ${passed} passed, ${failed + (failed === 0 ? failedSteps : 0)} failed`);
process.exit(failedSteps === 0 ? 0 : 1);

function answers(port, host) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
