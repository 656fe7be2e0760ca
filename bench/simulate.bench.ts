/**
 * Benchmark: `alur simulate` as a model author runs it, each run its own process: the first run
 * on an empty cache (workflow bundle and store snapshot built), warm runs per scenario (median of
 * `--runs`), and `--all` over the catalogue in one process. Prints JSON with wall times, the
 * `--all` summary (failed scenarios with their lines) and the 1-minute load average around each
 * part. Issue #18: < 5 s per scenario warm, `--all` under 3 minutes. Not a timed test: it reports.
 *
 *   npx tsx bench/simulate.bench.ts [--runs 5] [--all-runs 1]
 *     [--scenario <model.bpmn>=<scenario.json>]...   (default: the command's fixture and a catalogue scenario)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const ALUR = path.join(ROOT, "runtime", "bin", "alur.mjs");
const FIXTURES = "runtime/src/cli/commands/simulate-fixtures";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

function options(name: string): string[] {
  return process.argv.flatMap((a, i) => (a === name && process.argv[i + 1] ? [process.argv[i + 1] as string] : []));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;
const load = () => round(loadavg()[0] ?? 0);

const runs = Math.max(5, Number(option("--runs", "5")));
const allRuns = Math.max(0, Number(option("--all-runs", "1")));
const scenarios = (
  options("--scenario").length > 0
    ? options("--scenario")
    : [
        `${FIXTURES}/rekomendasi-sk.bpmn=${FIXTURES}/utama.json`,
        "workflows/rekomendasi-sjpp/rekomendasi-sjpp.bpmn=workflows/rekomendasi-sjpp/scenarios/utama.json",
      ]
).map((pair) => {
  const [model, scenario] = pair.split("=");
  if (!model || !scenario) throw new Error(`--scenario wants <model.bpmn>=<scenario.json>, got ${pair}`);
  return { model, scenario };
});

// an empty cache of our own: the first run builds the bundle and the store snapshot
const cacheDir = mkdtempSync(path.join(tmpdir(), "alur-bench-simulate-"));

function simulate(args: string[]): { seconds: number; code: number | null; stdout: string; stderr: string } {
  const t0 = performance.now();
  const run = spawnSync(process.execPath, [ALUR, "simulate", ...args], {
    cwd: ROOT,
    env: { ...process.env, ALUR_CACHE_DIR: cacheDir },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  return { seconds: (performance.now() - t0) / 1000, code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A run that did not pass is reported, not hidden in a median. */
function checked(name: string, run: ReturnType<typeof simulate>) {
  if (run.code !== 0)
    console.error(`simulate bench: ${name} exited ${run.code}\n${run.stderr}\n${run.stdout.slice(-2000)}`);
  return run;
}

try {
  const first = scenarios[0]!;
  const coldLoad = load();
  const coldRun = checked("cold run", simulate([first.model, "--scenario", first.scenario]));
  const cold = {
    ...first,
    seconds: round(coldRun.seconds),
    exitCode: coldRun.code,
    load: { start: coldLoad, end: load() },
  };

  const warm = scenarios.map(({ model, scenario }) => {
    const loadStart = load();
    const times: number[] = [];
    const codes: (number | null)[] = [];
    for (let i = 0; i < runs; i++) {
      const run = checked(`warm ${scenario}`, simulate([model, "--scenario", scenario]));
      times.push(run.seconds);
      codes.push(run.code);
    }
    return {
      scenario,
      runs,
      medianSeconds: round(median(times)),
      minSeconds: round(Math.min(...times)),
      maxSeconds: round(Math.max(...times)),
      exitCodes: codes,
      load: { start: loadStart, end: load() },
    };
  });

  const all = Array.from({ length: allRuns }, () => {
    const loadStart = load();
    const run = simulate(["--all"]);
    const lines = run.stdout.split("\n");
    const failed = lines.filter((l) => l.startsWith("FAIL"));
    const details = lines.filter(
      (l, i) => l.startsWith("     ") && lines.slice(0, i).some((x) => x.startsWith("FAIL")),
    );
    const perScenario = lines
      .map((l) => l.match(/^ok {3}(\S+) \(\d+ checks, ([\d.]+) s\)$/))
      .flatMap((m) => (m ? [Number(m[2])] : []));
    return {
      seconds: round(run.seconds),
      exitCode: run.code,
      summary: lines.find((l) => /passed, \d+ failed of/.test(l)) ?? null,
      failed,
      failureDetails: details,
      perScenarioSeconds: perScenario.length
        ? { median: round(median(perScenario)), max: round(Math.max(...perScenario)) }
        : null,
      load: { start: loadStart, end: load() },
    };
  });

  const warmMedians = warm.map((w) => w.medianSeconds);
  console.log(
    JSON.stringify(
      {
        benchmark: "simulate",
        cold,
        warm,
        all,
        targets: {
          warmUnder5sPerScenario: warmMedians.every((s) => s < 5),
          allUnder3Minutes: all.length > 0 && all.every((a) => a.seconds < 180),
          allPassed: all.every((a) => a.exitCode === 0),
        },
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
