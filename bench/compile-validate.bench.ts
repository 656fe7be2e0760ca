/**
 * Benchmark: compile + validate a generated model of 500 flow nodes (with diagram, Zeebe and alur
 * extensions), as a deploy does (parsing is measured apart). Prints JSON; the median must stay
 * under 50 ms. The load average is printed too: on a busy machine wall time exceeds CPU time.
 *
 *   npx tsx bench/compile-validate.bench.ts [--nodes 500] [--runs 30]
 */
import { loadavg } from "node:os";
import { compileAndValidate, parseBpmn, syntheticModel } from "@alur/shared/compiler";

const TARGET_MS = 50;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

const nodes = option("--nodes", 500);
const runs = option("--runs", 30);
const xml = syntheticModel(nodes);

const parseTimes: number[] = [];
const checkTimes: number[] = [];
const checkCpuTimes: number[] = [];
let summary = { flowNodes: 0, sequenceFlows: 0, problems: -1 };
for (let i = 0; i < runs + 5; i++) {
  const t0 = performance.now();
  const { definitions } = await parseBpmn(xml);
  if (!definitions) throw new Error("the generated model does not parse");
  const t1 = performance.now();
  const cpu = process.cpuUsage();
  const { plan, problems } = compileAndValidate(definitions);
  const t2 = performance.now();
  const used = process.cpuUsage(cpu);
  if (!plan) throw new Error(`the generated model does not compile: ${JSON.stringify(problems.slice(0, 3))}`);
  // The first five runs warm up the JIT and are not counted.
  if (i >= 5) {
    parseTimes.push(t1 - t0);
    checkTimes.push(t2 - t1);
    checkCpuTimes.push((used.user + used.system) / 1000);
  }
  summary = {
    flowNodes: Object.keys(plan.nodes).length,
    sequenceFlows: Object.keys(plan.flows).length,
    problems: problems.length,
  };
}

const medianMs = median(checkTimes);
console.log(
  JSON.stringify(
    {
      benchmark: "compile+validate",
      ...summary,
      xmlBytes: Buffer.byteLength(xml),
      runs,
      medianMs: round(medianMs),
      minMs: round(Math.min(...checkTimes)),
      maxMs: round(Math.max(...checkTimes)),
      /** CPU time of this process: what the median would be on an idle machine (2 shared cores here). */
      cpuMedianMs: round(median(checkCpuTimes)),
      parseMedianMs: round(median(parseTimes)),
      loadAverage: round(loadavg()[0] ?? 0),
      targetMs: TARGET_MS,
      withinTarget: medianMs < TARGET_MS,
      node: process.version,
    },
    null,
    2,
  ),
);
