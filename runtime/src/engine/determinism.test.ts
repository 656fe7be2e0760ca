import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CaseDriver, TEST_CALENDAR } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";
import { initialState } from "./initial-state";
import { step } from "./step";
import type { EngineCommand, EngineEvent, EngineState } from "./types";

// A plan touching most families: parallel split, MI, boundary timer, message wait, SLA, join.
const plan = new PlanBuilder()
  .start("s")
  .gateway("f", "parallelGateway")
  .userTask("verifikasi", {
    task: { roles: ["fo"], documents: [], escalateTo: ["kabid"], sla: { value: 2, unit: "workingDays" } },
  })
  .userTask("kunjungan", { multiInstance: { isSequential: false, inputCollection: "rumah", inputElement: "r" } })
  .boundary(
    "telat",
    "kunjungan",
    { kind: "timer", timer: { type: "duration", value: { kind: "literal", value: "P5D" } } },
    false,
  )
  .userTask("tegur")
  .node({ type: "receiveTask", id: "sk", messageName: "sk", pausesClock: true })
  .gateway("j", "parallelGateway")
  .end("e")
  .chain("s", "f")
  .chain("f", "verifikasi", "j")
  .chain("f", "kunjungan", "j")
  .chain("f", "sk", "j")
  .chain("j", "e")
  .chain("telat", "tegur")
  .build();

/** Replays a script on a fresh case: each step applies the first open task/timer/message it names. */
function replay(script: ("task" | "timer" | "message")[]): { states: EngineState[]; commands: EngineCommand[] } {
  const driver = new CaseDriver(plan, { caseDue: { value: 10, unit: "workingDays" } });
  driver.start({ rumah: [1, 2] });
  const states = [driver.state];
  let minutes = 0;
  for (const move of script) {
    minutes += 97;
    driver.at(new Date(Date.parse("2026-03-02T02:00:00Z") + minutes * 60_000).toISOString());
    const tasks = Object.keys(driver.state.tasks);
    if (move === "task" && tasks[0]) {
      const openTask = driver.commands("openTask").find((t) => t.taskId === tasks[0]);
      if (openTask) driver.completeTask(openTask.elementId, { n: minutes });
    } else if (move === "timer" && driver.liveTimers().length > 0) {
      driver.fireTimer(driver.liveTimers()[0]?.timerId);
    } else if (move === "message") {
      driver.message("sk", { nomor: minutes });
    }
    states.push(driver.state);
  }
  return { states, commands: driver.log };
}

describe("determinism", () => {
  it("the same events applied twice give identical states and commands", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("task", "timer", "message" as const), { maxLength: 12 }), (script) => {
        const first = replay(script);
        const second = replay(script);
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      }),
      { numRuns: 40 },
    );
  });

  it("never mutates the state it is given, and every state survives a JSON round trip", () => {
    const state = initialState(plan, { caseId: "k9", calendar: TEST_CALENDAR });
    const events: EngineEvent[] = [
      { type: "start", variables: { rumah: [1] }, at: "2026-03-02T02:00:00Z" },
      { type: "messageReceived", name: "sk", payload: {}, at: "2026-03-03T02:00:00Z" },
    ];
    let current = state;
    for (const event of events) {
      const before = JSON.stringify(current);
      const result = step(plan, current, event);
      expect(JSON.stringify(current)).toBe(before);
      expect(JSON.parse(JSON.stringify(result.state))).toEqual(result.state);
      current = result.state;
    }
  });

  it("ids come from the counter in the state, so a continued case keeps counting", () => {
    const driver = new CaseDriver(plan);
    driver.start({ rumah: [1, 2] });
    const ids = driver.commands("openTask").map((t) => t.taskId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^k1-t\d+$/);
    // a state carried across continue-as-new (JSON) continues the same sequence
    const carried = JSON.parse(JSON.stringify(driver.state)) as EngineState;
    const a = step(plan, carried, { type: "messageReceived", name: "sk", payload: {}, at: driver.now });
    const b = step(plan, driver.state, { type: "messageReceived", name: "sk", payload: {}, at: driver.now });
    expect(a).toEqual(b);
  });
});
