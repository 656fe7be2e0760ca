import { describe, expect, it } from "vitest";
import { checkFeelSyntax, evaluateCondition, evaluateFeel } from ".";

describe("checkFeelSyntax", () => {
  it("accepts valid expressions, with or without the Zeebe '=' marker", () => {
    for (const e of [
      "=a > 1",
      "if a then b else c",
      "some x in [1] satisfies x > 0",
      'date("2026-01-01") + duration("P1D")',
    ]) {
      expect(checkFeelSyntax(e)).toEqual({ ok: true });
    }
  });

  it("gives the position of the error within the expression", () => {
    expect(checkFeelSyntax("=a +")).toEqual({
      ok: false,
      error: "Incomplete expression",
      position: { from: 3, to: 3 },
    });
    expect(checkFeelSyntax("a ) b")).toEqual({
      ok: false,
      error: 'Unrecognized token ")"',
      position: { from: 2, to: 3 },
    });
    expect(checkFeelSyntax("=")).toMatchObject({ ok: false, error: "Empty expression" });
  });

  it("does not evaluate: a huge loop is checked at once", () => {
    const started = performance.now();
    expect(checkFeelSyntax("for i in 1..100000000 return i")).toEqual({ ok: true });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("evaluateFeel", () => {
  it("returns values and failures instead of throwing", () => {
    expect(evaluateFeel("=a + 1", { a: 1 })).toMatchObject({ ok: true, value: 2 });
    expect(evaluateFeel("a +", {})).toMatchObject({ ok: false });
    expect(evaluateCondition("x > 1", { x: 0 })).toMatchObject({ ok: true, value: false });
  });
});
