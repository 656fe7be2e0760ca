import { describe, expect, it } from "vitest";
import { feelConditionError, hasConditionEntry } from "./condition-check";
import type { Bo } from "./model-access";

const translate = (text: string, r: Record<string, string | number> = {}) =>
  text.replace(/{(\w+)}/g, (_m, k: string) => String(r[k]));

function flowFrom(sourceType: string): Bo {
  const source = { $type: sourceType, get: () => undefined, set: () => undefined } as unknown as Bo;
  return { $type: "bpmn:SequenceFlow", get: (n: string) => (n === "sourceRef" ? source : undefined) } as unknown as Bo;
}

describe("feelConditionError", () => {
  it("accepts valid conditions, with or without Zeebe's leading '='", () => {
    expect(feelConditionError("= lengkap = true", translate)).toBeNull();
    expect(feelConditionError('jumlahAnggota > 3 and status = "aktif"', translate)).toBeNull();
    expect(feelConditionError("", translate)).toBeNull();
  });

  it("flags a syntax error while typing, quoting the offending text and saying what is wrong", () => {
    expect(feelConditionError("= lengkap = ", translate)).toMatch(
      /^FEEL syntax error at akhir "lengkap =": ekspresi berhenti/,
    );
    expect(feelConditionError("= lengkap && umur > 17", translate, "en")).toBe(
      'FEEL syntax error at "&&": FEEL writes "and", not "&&"',
    );
  });
});

describe("hasConditionEntry", () => {
  it("offers a condition on flows out of exclusive and inclusive gateways only", () => {
    expect(hasConditionEntry(flowFrom("bpmn:ExclusiveGateway"))).toBe(true);
    expect(hasConditionEntry(flowFrom("bpmn:InclusiveGateway"))).toBe(true);
    expect(hasConditionEntry(flowFrom("bpmn:ParallelGateway"))).toBe(false);
    expect(hasConditionEntry(flowFrom("bpmn:UserTask"))).toBe(false);
  });
});
