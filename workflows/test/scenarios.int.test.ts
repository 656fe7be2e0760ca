/**
 * The scenario files on the real runtime: each catalogue model compiled with its forms and run on
 * the Temporal time-skipping server by `runScenario` (src/testing/run-scenario.ts, which says what
 * a run checks: roles, due dates, products, the end), with the workflow bundle of the
 * integration global setup.
 */
import { startTimeSkippingRuntime, type TimeSkippingRuntime } from "@alur/runtime/testing";
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import { loadCatalogue } from "../src";
import { runScenario, scenarioFiles } from "../src/testing";
import { compileEntry } from "./compile-model";

const catalogue = new Map(loadCatalogue().map((e) => [e.file, e] as const));
const provided = inject as unknown as (key: "temporalTestServer" | "workflowBundlePath") => string;

let runtime: TimeSkippingRuntime;

beforeAll(async () => {
  runtime = await startTimeSkippingRuntime({
    testServerPath: provided("temporalTestServer"),
    workflowBundlePath: provided("workflowBundlePath"),
    taskQueue: "catalogue-scenarios",
  });
});

afterAll(async () => {
  await runtime?.stop();
});

describe.each(scenarioFiles().map(({ path, scenario }) => [path, scenario] as const))(
  "%s on the time-skipping server",
  (_path, scenario) => {
    it("runs to its expected end with its products and due dates", async () => {
      // given the model compiled with its forms
      const { plan } = await compileEntry(catalogue.get(scenario.model)!);
      // when and then: the scenario runs to its end on the real runtime (see runScenario)
      await runScenario(runtime, plan!, scenario);
    });
  },
);
