/**
 * `alur simulate`: runs a model on the Temporal time-skipping test server with a scripted driver
 * (the real bpmnProcess workflow, activities and connectors, an in-memory store). One scenario
 * prints its trace as JSON; `--all` runs the catalogue's scenario files in one process (one
 * server, one worker, the workflow bundle built once and cached) and prints a pass/fail line per
 * scenario. The scenario format (@alur/shared/scenario) is in docs/simulate.md.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { ExecutionPlan } from "@alur/shared/plan";
import { Scenario } from "@alur/shared/scenario";
import { WORKFLOWS_DIR } from "@alur/workflows";
import { z } from "zod";
import type { Command } from "../command";
import { cachedWorkflowBundle } from "../simulate/bundle-cache";
import { compileModel } from "../simulate/model";
import { openSession, type SimulationSession, type SimulationTrace } from "../simulate/session";

export type { SimulationTrace } from "../simulate/session";
export { Scenario };

const USAGE = [
  "Usage: alur simulate <file.bpmn> --scenario <scenario.json> [--process <id>] [--with <called.bpmn>]...",
  "       alur simulate --all [<pattern>...] [--catalogue <dir>] [--with <called.bpmn>]...",
  "",
  "Runs the model on the Temporal time-skipping test server with the real workflow, activities and",
  "connectors (in-memory store) and prints the trace as JSON: elements entered and left, tasks",
  "created (roles, due dates), timers fired, messages correlated, the end state and whether the",
  "scenario's expectations held. Dates are scenario time: a scenario in the past runs on a clock",
  "moved by whole weeks, so every due date it states is checked.",
  "  --with <file>    a model whose process a call activity (or a further case) starts; repeatable",
  "  --all            every scenario file of the catalogue (<slug>/scenarios/*.json) in one process;",
  "                   <pattern> (e.g. 'rekomendasi-*/scenarios/utama.json') narrows the set; prints",
  "                   one line per scenario and a summary",
  "  --catalogue <d>  the catalogue folder for --all (default: the repository's workflows/)",
  "Exit 1 when an expectation fails or a run errs, 2 for bad input. Format: docs/simulate.md.",
  "The workflow bundle is cached by content in ALUR_CACHE_DIR (default: <tmp>/alur-cache).",
].join("\n");

const simulate: Command = {
  summary: "run a model with a scripted scenario on the time-skipping server; prints a JSON trace",
  usage: USAGE,
  run: (args) => runSimulate(args),
};
export default simulate;

export interface SimulateOptions {
  /** A prebuilt workflow bundle (tests bundle once per run); without it the content-keyed cache is used. */
  workflowBundle?: { codePath: string };
}

interface Values {
  scenario?: string;
  process?: string;
  with?: string[];
  all?: boolean;
  catalogue?: string;
}

/** The command itself: the trace (or the summary) on stdout, problems on stderr; resolves to the exit code. */
export async function runSimulate(args: string[], options: SimulateOptions = {}): Promise<number> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: {
        scenario: { type: "string" },
        process: { type: "string" },
        with: { type: "string", multiple: true },
        all: { type: "boolean" },
        catalogue: { type: "string" },
      },
      allowPositionals: true,
    }));
  } catch (error) {
    console.error(`alur simulate: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const called = await compileCalled(values.with ?? []);
  if (!called.ok) {
    console.error(`alur simulate: ${called.message}`);
    return 2;
  }
  if (values.all) return runAll(positionals, values.catalogue ?? WORKFLOWS_DIR, called.plans, options);
  const bpmnFile = positionals[0];
  if (!bpmnFile || !values.scenario || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const scenario = readScenario(values.scenario);
  if (!scenario.ok) {
    console.error(`alur simulate: ${scenario.message}`);
    return 2;
  }
  const plan = await compileModel(bpmnFile, values.process ?? scenario.scenario.process);
  if (!plan.ok) {
    console.error(`alur simulate: ${plan.message}`);
    return 2;
  }
  const session = await open(options);
  let trace: SimulationTrace;
  try {
    trace = await session.run({ plan: plan.plan, scenario: scenario.scenario, plans: called.plans });
  } finally {
    await session.close();
  }
  console.log(JSON.stringify(trace, null, 2));
  return passed(trace) ? 0 : 1;
}

function passed(trace: SimulationTrace): boolean {
  return trace.expectations.every((e) => e.ok) && !trace.error;
}

async function open(options: SimulateOptions): Promise<SimulationSession> {
  const workflowBundle = options.workflowBundle ?? (await cachedWorkflowBundle());
  return openSession({ workflowBundle });
}

async function compileCalled(
  files: string[],
): Promise<{ ok: true; plans: Map<string, ExecutionPlan> } | { ok: false; message: string }> {
  const plans = new Map<string, ExecutionPlan>();
  for (const file of files) {
    const compiled = await compileModel(file);
    if (!compiled.ok) return compiled;
    plans.set(compiled.plan.processId, compiled.plan);
  }
  return { ok: true, plans };
}

/** Reads and validates a scenario file; a missing file, bad JSON or a wrong shape is a message, never a crash. */
export function readScenario(file: string): { ok: true; scenario: Scenario } | { ok: false; message: string } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { ok: false, message: `berkas skenario tidak dapat dibaca / cannot read the scenario file: ${file}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      message: `skenario bukan JSON yang valid / the scenario is not valid JSON (${file}): ${reason}`,
    };
  }
  const parsed = Scenario.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      message: `skenario tidak valid / invalid scenario (${file}); format: docs/simulate.md\n${z.prettifyError(parsed.error)}`,
    };
  }
  return { ok: true, scenario: parsed.data };
}

/** The catalogue's scenario files (<slug>/scenarios/*.json, paths relative to `root`), sorted. */
function catalogueScenarioFiles(root: string): string[] {
  const out: string[] = [];
  for (const slug of readdirSync(root).sort()) {
    const dir = path.join(root, slug, "scenarios");
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) if (name.endsWith(".json")) out.push(`${slug}/scenarios/${name}`);
  }
  return out;
}

/** A shell-style pattern over a path: `*` within a segment, `**` across segments, `?` one character. */
export function matchesPattern(pattern: string, file: string): boolean {
  const source = pattern
    .replace(/^(\.\/)?workflows\//, "")
    .split(/(\*\*\/?|\*|\?)/)
    .map((part) =>
      part === "**" || part === "**/"
        ? ".*"
        : part === "*"
          ? "[^/]*"
          : part === "?"
            ? "[^/]"
            : part.replace(/[.+^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  // a pattern naming a folder takes the scenarios under it
  return new RegExp(`^${source}(/.*)?$`).test(file);
}

/** `--all`: every (matching) catalogue scenario in one session; one line each, then the summary. */
async function runAll(
  patterns: string[],
  root: string,
  called: Map<string, ExecutionPlan>,
  options: SimulateOptions,
): Promise<number> {
  if (!existsSync(root)) {
    console.error(`alur simulate: folder katalog tidak ada / catalogue folder not found: ${root}`);
    return 2;
  }
  const files = catalogueScenarioFiles(root).filter(
    (f) => patterns.length === 0 || patterns.some((p) => matchesPattern(p, f)),
  );
  if (files.length === 0) {
    console.error(`alur simulate: tidak ada skenario yang cocok / no scenario matches: ${patterns.join(" ")}`);
    return 2;
  }
  const started = Date.now();
  const session = await open(options);
  const plans = new Map<string, Awaited<ReturnType<typeof compileModel>>>();
  const failed: string[] = [];
  try {
    for (const file of files) {
      const t0 = Date.now();
      const scenario = readScenario(path.join(root, file));
      let line: string;
      if (!scenario.ok) {
        line = `FAIL ${file}: ${scenario.message}`;
      } else if (!scenario.scenario.model) {
        line = `FAIL ${file}: the scenario names no model ("model": "<slug>/<file>.bpmn")`;
      } else {
        const key = `${scenario.scenario.model}#${scenario.scenario.process ?? ""}`;
        if (!plans.has(key)) {
          plans.set(key, await compileModel(path.join(root, scenario.scenario.model), scenario.scenario.process));
        }
        const plan = plans.get(key)!;
        if (!plan.ok) {
          line = `FAIL ${file}: ${plan.message}`;
        } else {
          const trace = await session.run({ plan: plan.plan, scenario: scenario.scenario, plans: called });
          const seconds = ((Date.now() - t0) / 1000).toFixed(1);
          const checked = trace.expectations.length;
          line = passed(trace)
            ? `ok   ${file} (${checked} checks, ${seconds} s)`
            : `FAIL ${file} (${seconds} s)${failureDetail(trace)}`;
        }
      }
      if (line.startsWith("FAIL")) failed.push(file);
      console.log(line);
    }
  } finally {
    await session.close();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `\n${files.length - failed.length} passed, ${failed.length} failed of ${files.length} scenarios in ${seconds} s`,
  );
  return failed.length === 0 ? 0 : 1;
}

function failureDetail(trace: SimulationTrace): string {
  const lines = trace.expectations
    .filter((e) => !e.ok)
    .map((e) => `\n     ${e.what}: expected ${JSON.stringify(e.expected)}, got ${JSON.stringify(e.actual)}`);
  if (trace.error) lines.unshift(`\n     error: ${trace.error}`);
  return lines.join("");
}
