import { describe, expect, it } from "vitest";
import { readCondition, valueFromInput, writeCondition } from "./condition-builder";

describe("condition builder", () => {
  it("writes a yes/no answer as Zeebe FEEL and reads it back", () => {
    // given
    const condition = {
      field: "dokumenLengkap",
      operator: "=" as const,
      value: { kind: "boolean" as const, value: true },
    };
    // when
    const feel = writeCondition(condition);
    // then
    expect(feel).toBe("= dokumenLengkap = true");
    expect(readCondition(feel)).toEqual(condition);
  });

  it("reads numbers, quoted text, paths and FEEL without the leading =", () => {
    expect(readCondition("=umur >= 60")).toEqual({
      field: "umur",
      operator: ">=",
      value: { kind: "number", value: 60 },
    });
    expect(readCondition('keputusan != "tolak"')).toEqual({
      field: "keputusan",
      operator: "!=",
      value: { kind: "string", value: "tolak" },
    });
    expect(readCondition("= pemohon.penghasilan < 1500000.5")?.field).toBe("pemohon.penghasilan");
    expect(writeCondition({ field: "catatan", operator: "=", value: { kind: "string", value: 'kata "kunci"' } })).toBe(
      '= catatan = "kata \\"kunci\\""',
    );
    expect(readCondition('= catatan = "kata \\"kunci\\""')?.value).toEqual({ kind: "string", value: 'kata "kunci"' });
  });

  it("leaves anything more than field-operator-value to the FEEL editor", () => {
    for (const feel of [
      "= a = true and b = false",
      "= count(list) > 2",
      "= lengkap",
      "",
      "= true = lengkap",
      "= x in [1..3]",
    ])
      expect(readCondition(feel)).toBeNull();
  });

  it("turns typed values into the field's kind, refusing what is not one", () => {
    expect(valueFromInput("number", "2,5")).toEqual({ kind: "number", value: 2.5 });
    expect(valueFromInput("number", "dua")).toBeNull();
    expect(valueFromInput("boolean", "false")).toEqual({ kind: "boolean", value: false });
    expect(valueFromInput("boolean", "ya")).toBeNull();
    expect(valueFromInput("string", "tolak")).toEqual({ kind: "string", value: "tolak" });
  });
});
