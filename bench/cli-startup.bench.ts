/**
 * Benchmark: start-up of the `alur` command line against bpmnlint, side by side on the same file.
 * Runs each command `--runs` times, alternating their order, and prints JSON with the median wall
 * time of each and the ratios. Issue #18: `alur --version` < 0.3 s, `alur validate` of one model
 * ≤ 2× `bpmnlint` on the same file. Needs the bundle (`npm run build`); the sources path is
 * measured too, for comparison. Load average (1-minute) at start and end is printed.
 *
 *   npx tsx bench/cli-startup.bench.ts [--runs 15] [--model workflows/pengangkatan-anak/pengangkatan-anak.bpmn]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const ALUR = path.join(ROOT, "runtime", "bin", "alur.mjs");
const BPMNLINT = path.join(ROOT, "node_modules", "bpmnlint", "bin", "bpmnlint.js");

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const load = () => round(loadavg()[0] ?? 0);

const runs = Math.max(1, Number(option("--runs", "15")));
const model = path.resolve(ROOT, option("--model", "workflows/pengangkatan-anak/pengangkatan-anak.bpmn"));
if (!existsSync(path.join(ROOT, "runtime", "dist", "cli", "quick.mjs"))) {
  console.error("cli-startup: no CLI bundle; run `npm run build` first");
  process.exit(2);
}
const lintrc = path.join(mkdtempSync(path.join(tmpdir(), "alur-bench-")), ".bpmnlintrc");
writeFileSync(lintrc, JSON.stringify({ extends: "bpmnlint:recommended" }));

const commands: Record<string, { args: string[]; env?: NodeJS.ProcessEnv }> = {
  version: { args: [ALUR, "--version"] },
  validate: { args: [ALUR, "validate", model] },
  validateFromSources: { args: [ALUR, "validate", model], env: { ALUR_CLI_DIST: path.join(tmpdir(), "no-bundle") } },
  bpmnlint: { args: [BPMNLINT, "-c", lintrc, model] },
};

const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
const loadStart = load();
const names = Object.keys(commands);
for (let round = 0; round < runs; round++) {
  const order = round % 2 ? [...names].reverse() : names;
  for (const name of order) {
    const { args, env } = commands[name] as { args: string[]; env?: NodeJS.ProcessEnv };
    const t0 = performance.now();
    const run = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: "ignore" });
    const ms = performance.now() - t0;
    if (run.error) throw run.error;
    (times[name] as number[]).push(ms / 1000);
  }
}
const medians = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, round(median(v))]));
console.log(
  JSON.stringify(
    {
      benchmark: "cli-startup",
      model: path.relative(ROOT, model),
      runs,
      medianSeconds: medians,
      validateVsBpmnlint: round((medians.validate ?? 0) / (medians.bpmnlint ?? 1)),
      validateFromSourcesVsBpmnlint: round((medians.validateFromSources ?? 0) / (medians.bpmnlint ?? 1)),
      targets: {
        versionUnder300ms: (medians.version ?? 1) < 0.3,
        validateWithin2xBpmnlint: (medians.validate ?? 0) <= 2 * (medians.bpmnlint ?? 0),
      },
      loadAverage: { start: loadStart, end: load() },
    },
    null,
    2,
  ),
);
