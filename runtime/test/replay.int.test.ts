/**
 * Replay safety: every stored history in runtime/src/temporal/histories (one per element family,
 * recorded with RECORD_HISTORIES=1 from bpmn-process.int.test.ts) must replay on the current
 * workflow code. An interpreter change that would break running cases fails here.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Worker } from "@temporalio/worker";
import { expect, it } from "vitest";
import { HISTORIES_DIR } from "../src/testing/case-harness";
import { workflowBundle } from "../src/testing/servers";

const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith(".json"));

it("has recorded histories of the element families", () => {
  expect(files.length).toBeGreaterThanOrEqual(8);
});

it("replays every recorded history without nondeterminism", async () => {
  const histories = files.map((file) => ({
    workflowId: path.basename(file, ".json"),
    history: JSON.parse(readFileSync(path.join(HISTORIES_DIR, file), "utf8")),
  }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: workflowBundle() }, histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
  }
  expect(failures).toEqual([]);
});
