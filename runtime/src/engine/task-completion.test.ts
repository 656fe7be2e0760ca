import { BusinessCalendar } from "@alur/shared/calendar";
import { describe, expect, it } from "vitest";
import { PlanBuilder } from "../testing/engine/plan-builder";
import { initialState, step } from ".";
import { checkCompletion } from "./task-completion";

const plan = new PlanBuilder("p")
  .start("mulai")
  .userTask("periksa", { task: { roles: ["back-office"], formId: "f", documents: [], escalateTo: [] } })
  .end("selesai")
  .chain("mulai", "periksa", "selesai")
  .build({
    forms: {
      f: {
        components: [
          { type: "textfield", key: "nomor", validate: { required: true } },
          { type: "group", components: [{ type: "checkbox", key: "lengkap", validate: { required: true } }] },
          { type: "textfield", key: "catatan" },
        ],
      },
    },
  });
const calendar = BusinessCalendar.parse({ district: "3216", utcOffsetMinutes: 420 });
const started = step(plan, initialState(plan, { caseId: "c1", calendar }), {
  type: "start",
  variables: {},
  at: "2026-01-05T02:00:00.000Z",
});
const engineTaskId = Object.keys(started.state.tasks)[0]!;
const ctx = {
  plan,
  state: started.state,
  district: "3216",
  engineTaskId: (storeId: string) => (storeId === "store-1" ? engineTaskId : undefined),
  pending: new Set<string>(),
};
const input = (over: Record<string, unknown> = {}) => ({
  taskId: "store-1",
  actor: { userId: "u", roles: ["back-office"], district: "3216" },
  data: { nomor: "1", lengkap: true },
  ...over,
});

describe("checkCompletion", () => {
  it("accepts the right role with complete form data", () => {
    expect(checkCompletion(ctx, input())).toBeNull();
  });

  it("rejects malformed input, unknown tasks, pending ones, wrong roles, other districts and missing fields", () => {
    expect(checkCompletion(ctx, { taskId: 1 })?.code).toBe("invalid-input");
    expect(checkCompletion(ctx, input({ taskId: "nope" }))?.code).toBe("unknown-task");
    expect(checkCompletion({ ...ctx, pending: new Set(["store-1"]) }, input())?.code).toBe("task-closed");
    expect(checkCompletion(ctx, input({ actor: { userId: "u", roles: ["front-office"], district: null } }))?.code).toBe(
      "role-not-allowed",
    );
    expect(
      checkCompletion(ctx, input({ actor: { userId: "u", roles: ["back-office"], district: "3211" } }))?.code,
    ).toBe("wrong-district");
    const form = checkCompletion(ctx, input({ data: { nomor: "" } }));
    expect(form).toMatchObject({ code: "form-invalid", fields: ["nomor", "lengkap"] });
    expect(form?.id).toContain("wajib");
  });

  it("applies the form's types and patterns, not only required keys", () => {
    const typed = {
      ...ctx,
      plan: {
        ...plan,
        forms: {
          f: {
            components: [
              { type: "number", key: "jumlah", validate: { required: true, min: 1 } },
              { type: "textfield", key: "nik", validate: { pattern: "^[0-9]{16}$" } },
            ],
          },
        },
      },
    };
    expect(checkCompletion(typed, input({ data: { jumlah: 2, nik: "3216000000000001" } }))).toBeNull();
    const bad = checkCompletion(typed, input({ data: { jumlah: 0, nik: "12ab" } }));
    expect(bad).toMatchObject({ code: "form-invalid", fields: ["jumlah", "nik"] });
  });

  it("refuses, naming them, keys the task's form does not let it set", () => {
    // given the forged-letter completion: the applicant and the letter number beside the form's fields
    const forged = input({
      data: { nomor: "1", lengkap: true, applicant: { name: "Palsu", nik: "3216000000000000" }, letterNumber: "999" },
    });

    // then it is refused before it enters history, naming the keys in both languages
    const rejection = checkCompletion(ctx, forged);
    expect(rejection).toMatchObject({ code: "data-not-allowed", fields: ["applicant", "letterNumber"] });
    expect(rejection?.id).toContain("applicant, letterNumber");
    expect(rejection?.en).toContain("applicant, letterNumber");
  });

  it("lets a task without a form set nothing", () => {
    const node = plan.nodes.periksa;
    if (node?.type !== "userTask") throw new Error("fixture");
    const formless = {
      ...ctx,
      plan: { ...plan, nodes: { ...plan.nodes, periksa: { ...node, task: { ...node.task, formId: undefined } } } },
    };
    expect(checkCompletion(formless, input({ data: {} }))).toBeNull();
    expect(checkCompletion(formless, input({ data: { status: "selesai" } }))).toMatchObject({
      code: "data-not-allowed",
      fields: ["status"],
    });
  });

  it("rejects everything before the case has started", () => {
    expect(checkCompletion({ ...ctx, state: null }, input())?.code).toBe("case-not-ready");
  });
});
